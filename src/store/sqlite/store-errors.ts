import { CascadeError } from '../../errors';

/**
 * `SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_BUSY`, …: the extended result code, or null for other errors.
 * Recognised by shape, not `instanceof`: the native addon keeps one error class per process, the
 * last one registered, which is not ours when the module is loaded twice (as test runners do).
 */
export function sqliteCode(error: unknown): string | null {
  const candidate = error as { name?: unknown; code?: unknown } | null;
  return candidate?.name === 'SqliteError' && typeof candidate.code === 'string' ? candidate.code : null;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Another connection held the lock past busy_timeout: the same call may succeed later. */
function isRetryable(code: string): boolean {
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/**
 * Translates SQLite's errors once, at the adapter's boundary (STYLE.md habit 5), into INTERNAL
 * with the cause kept. CascadeErrors and the caller's own errors (a throwing `toMessage`) pass
 * through unchanged.
 */
export function toStoreError(error: unknown, operation: string): unknown {
  const code = sqliteCode(error);
  if (code === null) return error;
  return new CascadeError('INTERNAL', `store ${operation} failed (${code})`, { cause: error, retryable: isRetryable(code) });
}

type AsyncMethods = Record<string, (...args: never[]) => Promise<unknown>>;

/** Wraps every method of an adapter so its rejections go through `toStoreError`. */
export function withStoreErrors<T extends AsyncMethods>(methods: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods)) {
    const call = method as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await call(...args);
      } catch (error) {
        throw toStoreError(error, name);
      }
    };
  }
  return wrapped as T;
}
