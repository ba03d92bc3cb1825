import { z } from 'zod';
import { CascadeError } from '../../errors';

// https://distribution.github.io/distribution/spec/auth/token/ — only the fields used.
const tokenResponseSchema = z.object({
  token: z.string().min(1).optional(),
  access_token: z.string().min(1).optional(),
  expires_in: z.number().int().positive().optional(),
  issued_at: z.string().optional(),
}).refine((body) => body.token ?? body.access_token, 'no token in the response');

export interface TokenRequest {
  readonly realm: string;
  readonly service: string | null;
  readonly scope: string;
}

interface CachedToken { readonly token: string; readonly expiresAt: number }

export interface TokenSourceDeps {
  readonly fetch: typeof fetch;
  /** `Basic …` for the token service, or null for anonymous tokens. */
  readonly basicAuthorization: string | null;
  readonly timeoutMs: number;
  readonly now?: () => number;
}

/**
 * Bearer tokens from a registry's token service, cached until shortly before they expire and
 * fetched once for any number of concurrent callers.
 */
export function createTokenSource(deps: TokenSourceDeps) {
  const now = deps.now ?? Date.now;
  const cache = new Map<string, CachedToken>();
  const inFlight = new Map<string, Promise<string>>();

  async function request(key: string, wanted: TokenRequest): Promise<string> {
    const url = new URL(wanted.realm);
    if (wanted.service !== null) url.searchParams.set('service', wanted.service);
    url.searchParams.set('scope', wanted.scope);
    const headers: Record<string, string> = deps.basicAuthorization ? { authorization: deps.basicAuthorization } : {};
    const response = await deps.fetch(url, { headers, signal: AbortSignal.timeout(deps.timeoutMs) });
    const text = await response.text();
    if (response.status === 401 || response.status === 403) {
      throw new CascadeError('REGISTRY_AUTH_FAILED', `the token service at ${url.host} refused the credentials (HTTP ${response.status})`);
    }
    if (!response.ok) {
      throw new CascadeError('REGISTRY_UNREACHABLE', `the token service at ${url.host} answered HTTP ${response.status}`, { retryable: response.status >= 500 || response.status === 429 });
    }
    const body = parseTokenBody(text, url.host);
    const issuedAt = body.issued_at ? Date.parse(body.issued_at) : NaN;
    const lifetimeMs = (body.expires_in ?? 60) * 1000;
    const expiresAt = (Number.isNaN(issuedAt) ? now() : Math.min(issuedAt, now())) + lifetimeMs - Math.min(30_000, lifetimeMs / 10);
    const token = (body.token ?? body.access_token) as string;
    cache.set(key, { token, expiresAt });
    return token;
  }

  return {
    /** A valid token for the scope, other than `refused` (one the registry just turned down). */
    get(wanted: TokenRequest, refused: string | null = null): Promise<string> {
      const key = `${wanted.realm}\n${wanted.service ?? ''}\n${wanted.scope}`;
      const cached = cache.get(key);
      if (cached && cached.token !== refused && cached.expiresAt > now()) return Promise.resolve(cached.token);
      const pending = inFlight.get(key);
      if (pending) return pending;
      const promise = request(key, wanted).finally(() => inFlight.delete(key));
      inFlight.set(key, promise);
      return promise;
    },
  };
}

export type TokenSource = ReturnType<typeof createTokenSource>;

function parseTokenBody(text: string, host: string): z.infer<typeof tokenResponseSchema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new CascadeError('REGISTRY_PROTOCOL_ERROR', `the token service at ${host} did not answer JSON`, { cause });
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) throw new CascadeError('REGISTRY_PROTOCOL_ERROR', `the token service at ${host} answered without a token`);
  return parsed.data;
}
