import { CascadeError, ERROR_STATUS, type ErrorCode } from '../errors';

/**
 * A JSON call to a Cascade server with a bearer token. A `{error:{code,message}}` answer comes
 * back as that CascadeError; an unreachable server as a retryable INTERNAL.
 */
export async function callCascade<T>(base: string, token: string, method: string, path: string, body?: unknown, timeoutMs = 70_000): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      signal: AbortSignal.timeout(timeoutMs),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (cause) {
    const reason = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as Error).message;
    throw new CascadeError('INTERNAL', `cannot reach Cascade at ${base} (${reason})`, { cause, retryable: true });
  }
  const text = await response.text();
  if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
  let error: { code?: string; message?: string } | undefined;
  try {
    error = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
  } catch {
    error = undefined;
  }
  const code = error?.code && error.code in ERROR_STATUS ? (error.code as ErrorCode) : 'INTERNAL';
  throw new CascadeError(code, error?.message ?? `HTTP ${response.status} from ${base}${path}`, { retryable: response.status >= 500 });
}
