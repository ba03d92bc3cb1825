import { CascadeError } from '../../errors';

interface SdkError { name?: string; statusCode?: number; code?: string; message?: string }

/** Translates @azure/container-registry and @azure/identity failures once, at the boundary. */
export function acrError(cause: unknown, target: string, timeoutMs: number): CascadeError {
  const error = (cause ?? {}) as SdkError;
  const status = error.statusCode;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') {
    return new CascadeError('REGISTRY_TIMEOUT', `the registry did not answer within ${timeoutMs} ms for ${target}`, { cause, retryable: true });
  }
  if (error.name === 'CredentialUnavailableError' || error.name === 'AuthenticationError' || status === 401 || status === 403) {
    return new CascadeError('REGISTRY_AUTH_FAILED', `the registry refused access to ${target}: ${error.message ?? 'no credential'}`, { cause });
  }
  if (status === 404 && /NAME_UNKNOWN/.test(`${error.code} ${error.message}`)) {
    return new CascadeError('REGISTRY_REPOSITORY_NOT_FOUND', `the registry does not know the repository of ${target}`, { cause });
  }
  if (status === 404) return new CascadeError('REGISTRY_MANIFEST_NOT_FOUND', `no manifest for ${target}`, { cause });
  if (status === 429) return new CascadeError('REGISTRY_RATE_LIMITED', `the registry rate-limited the lookup of ${target}`, { cause, retryable: true });
  if (status !== undefined && status >= 500) {
    return new CascadeError('REGISTRY_UNREACHABLE', `the registry answered HTTP ${status} for ${target}`, { cause, retryable: true });
  }
  if (status === undefined) {
    return new CascadeError('REGISTRY_UNREACHABLE', `cannot reach the registry for ${target}: ${error.code ?? error.message ?? 'network error'}`, { cause, retryable: true });
  }
  return new CascadeError('REGISTRY_PROTOCOL_ERROR', `the registry answered HTTP ${status} for ${target}`, { cause });
}
