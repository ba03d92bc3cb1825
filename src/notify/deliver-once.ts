import { retryAfterMs } from './retry-after-ms';

/** What one POST came to: values, not exceptions, since every one of them is expected. */
export type AttemptOutcome =
  | { readonly kind: 'delivered'; readonly status: number }
  | { readonly kind: 'retry'; readonly reason: string; readonly status?: number; readonly retryAfterMs?: number }
  | { readonly kind: 'give-up'; readonly reason: string; readonly status: number };

export interface DeliverOnceInput {
  readonly fetch: typeof globalThis.fetch;
  readonly url: string;
  readonly body: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly now: () => Date;
}

/** Statuses worth another try: the receiver may answer differently later. */
function isRetryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** POSTs the notification once, within `timeoutMs` (the timeout covers connecting and the answer's headers). */
export async function deliverOnce(input: DeliverOnceInput): Promise<AttemptOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), input.timeoutMs);
  try {
    // A redirect is not followed: fetch would turn the POST into a GET and drop the body.
    const response = await input.fetch(input.url, { method: 'POST', headers: input.headers, body: input.body, redirect: 'manual', signal: controller.signal });
    // The answer's body is of no use; cancelling frees the connection without waiting for it.
    await response.body?.cancel().catch(() => undefined);
    const { status } = response;
    if (status >= 200 && status < 300) return { kind: 'delivered', status };
    if (!isRetryable(status)) return { kind: 'give-up', reason: `HTTP ${status}`, status };
    const after = retryAfterMs(response.headers.get('retry-after'), input.now());
    return after === undefined ? { kind: 'retry', reason: `HTTP ${status}`, status } : { kind: 'retry', reason: `HTTP ${status}`, status, retryAfterMs: after };
  } catch (error) {
    if (controller.signal.aborted) return { kind: 'retry', reason: `no answer within ${input.timeoutMs} ms` };
    return { kind: 'retry', reason: `network error: ${describeNetworkError(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

/** Node's fetch says only "fetch failed"; the cause has the useful part (ECONNREFUSED, ENOTFOUND). */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
