/**
 * The one error model (STYLE.md habit 5): a closed list of codes, one class, one guard,
 * one code → HTTP status map. `docs/errors.md` documents every code; `errors.test.ts` fails
 * when a code is missing there.
 */
export const ERROR_STATUS = {
  CONFIG_INVALID: 500,
  INTERNAL: 500,
  INVALID_REQUEST: 400,
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_IMAGE_REF: 400,
  DOCKERFILE_NOT_FOUND: 400,
  DOCKERFILE_INVALID: 422,
  CONTEXT_UNAVAILABLE: 422,
  TASK_ALREADY_EXISTS: 409,
  TASK_NOT_FOUND: 404,
  RUN_NOT_FOUND: 404,
  RUN_FINISHED: 409,
  LOCK_LOST: 410,
  REGISTRY_NOT_ALLOWED: 422,
  REGISTRY_AUTH_FAILED: 502,
  REGISTRY_REPOSITORY_NOT_FOUND: 404,
  REGISTRY_MANIFEST_NOT_FOUND: 404,
  REGISTRY_PLATFORM_NOT_FOUND: 404,
  REGISTRY_RATE_LIMITED: 503,
  REGISTRY_UNREACHABLE: 502,
  REGISTRY_TIMEOUT: 504,
  REGISTRY_PROTOCOL_ERROR: 502,
  DISPATCH_FAILED: 503,
  DISPATCH_MESSAGE_TOO_LARGE: 422,
  DEAD_LETTER_NOT_FOUND: 404,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export interface CascadeErrorOptions {
  cause?: unknown;
  /** True when the same call may succeed later (network down, 5xx, rate limit). */
  retryable?: boolean;
  /** Extra, non-secret facts for the caller, e.g. rate-limit headers. */
  details?: Record<string, unknown>;
}

export class CascadeError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: CascadeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CascadeError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
  }

  get httpStatus(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isCascadeError(value: unknown): value is CascadeError {
  return value instanceof CascadeError;
}

/** The body every error response carries: never a stack, a secret or a payload echo. */
export function errorBody(error: CascadeError): { error: { code: ErrorCode; message: string } } {
  return { error: { code: error.code, message: error.message } };
}
