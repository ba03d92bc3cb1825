import { isServiceBusError } from '@azure/service-bus';
import { CascadeError, isCascadeError } from '../../errors';

/** Codes after which the same call can succeed later without anyone changing anything. */
const TRANSIENT = new Set(['ServiceBusy', 'ServiceTimeout', 'ServiceCommunicationProblem', 'GeneralError', 'QuotaExceeded']);
/** Codes that need someone to change a setting, a role or the entity (the SDK retries some anyway). */
const PERMANENT = new Set(['UnauthorizedAccess', 'MessagingEntityNotFound', 'MessagingEntityDisabled', 'MessageSizeExceeded']);

/**
 * The one place SDK errors become Cascade's (STYLE.md: translate at the edge, once). A lost message
 * or session lock is LOCK_LOST, like the local queue's; everything else is DISPATCH_FAILED with the
 * Service Bus code in the message and in `details`, the original as `cause`.
 */
export function toCascadeError(thrown: unknown, action: string): CascadeError {
  if (isCascadeError(thrown)) return thrown;
  // After its retries the SDK throws every attempt's error together; the last one says most.
  const error = thrown instanceof AggregateError && thrown.errors.length > 0 ? (thrown.errors.at(-1) as unknown) : thrown;
  if (isServiceBusError(error)) {
    if (error.code === 'MessageLockLost' || error.code === 'SessionLockLost') {
      return new CascadeError('LOCK_LOST', `${action}: ${error.code}: the lock expired; the message will be redelivered`, { cause: error });
    }
    const retryable = !PERMANENT.has(error.code) && (error.retryable || TRANSIENT.has(error.code));
    return new CascadeError('DISPATCH_FAILED', `${action}: ${error.code}: ${firstLine(error.message)}`, {
      cause: thrown, retryable, details: { serviceBusCode: error.code },
    });
  }
  // Socket errors (ECONNREFUSED, ECONNRESET), aborts and timeouts raised below the SDK's own model.
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return new CascadeError('DISPATCH_FAILED', `${action}: ${typeof code === 'string' ? `${code}: ` : ''}${firstLine(message) || 'failed without a message'}`, {
    cause: thrown, retryable: true,
  });
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
