import { CascadeError } from '../../errors';
import { parseRateLimit } from './rate-limit';

/** A response the distribution API does not call success, as one `CascadeError`. */
export function registryHttpError(response: Response, target: string, errorCode: string | null): CascadeError {
  const status = response.status;
  if (status === 401 || status === 403) {
    return new CascadeError('REGISTRY_AUTH_FAILED', `the registry refused access to ${target} (HTTP ${status}); check its credentials in CASCADE_REGISTRIES`);
  }
  if (status === 404 && errorCode === 'NAME_UNKNOWN') {
    return new CascadeError('REGISTRY_REPOSITORY_NOT_FOUND', `the registry does not know the repository of ${target}`);
  }
  if (status === 404) return new CascadeError('REGISTRY_MANIFEST_NOT_FOUND', `no manifest for ${target}`);
  if (status === 429) {
    const rateLimit = parseRateLimit(response.headers);
    const wait = rateLimit?.retryAfterSeconds != null ? `; retry after ${rateLimit.retryAfterSeconds} s` : '';
    return new CascadeError('REGISTRY_RATE_LIMITED', `the registry rate-limited the lookup of ${target}${wait}`, { retryable: true, details: { rateLimit } });
  }
  if (status >= 500) {
    // A 503 may carry Retry-After too (RFC 9110 §10.2.3): the poller honours it.
    const rateLimit = parseRateLimit(response.headers);
    return new CascadeError('REGISTRY_UNREACHABLE', `the registry answered HTTP ${status} for ${target}`, { retryable: true, ...(rateLimit ? { details: { rateLimit } } : {}) });
  }
  return new CascadeError('REGISTRY_PROTOCOL_ERROR', `the registry answered HTTP ${status} for ${target}`);
}

/** A fetch that threw: a timeout, or a network fault (refused, reset, DNS, TLS). */
export function registryNetworkError(cause: unknown, target: string, timeoutMs: number): CascadeError {
  if (cause instanceof CascadeError) return cause;
  const name = (cause as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new CascadeError('REGISTRY_TIMEOUT', `the registry did not answer within ${timeoutMs} ms for ${target}`, { cause, retryable: true });
  }
  const inner = (cause as { cause?: { code?: string; message?: string } } | null)?.cause;
  const reason = inner?.code ?? inner?.message ?? (cause as Error | null)?.message ?? 'network error';
  return new CascadeError('REGISTRY_UNREACHABLE', `cannot reach the registry for ${target}: ${reason}`, { cause, retryable: true });
}

/** The first `errors[].code` of a distribution error body, if any. */
export function distributionErrorCode(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ code?: unknown }> };
    const code = parsed.errors?.[0]?.code;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}
