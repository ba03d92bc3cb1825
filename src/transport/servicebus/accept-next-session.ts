import { isServiceBusError, type ServiceBusClient, type ServiceBusSessionReceiver, type ServiceBusSessionReceiverOptions } from '@azure/service-bus';
import type { ServiceBusSettings } from '../../config';

/** After "no session available", how long to wait before asking again. */
const SESSION_RETRY_MS = 500;

/**
 * The next free session of the queue (or of the pool's subscription), waiting until `deadline`;
 * null when none came free in time. "None free" comes back from the bus in several forms (a
 * timeout, a refused lock, the abort at the deadline): all mean ask again, none is an error.
 */
export async function acceptNextSession(
  client: ServiceBusClient,
  settings: ServiceBusSettings,
  request: { subscription: string; deadline: number; options: ServiceBusSessionReceiverOptions; closed: () => boolean },
): Promise<ServiceBusSessionReceiver | null> {
  for (;;) {
    const left = request.deadline - Date.now();
    if (left <= 0 || request.closed()) return null;
    const options = { ...request.options, abortSignal: AbortSignal.timeout(left) };
    try {
      return settings.entityType === 'queue'
        ? await client.acceptNextSession(settings.entity, options)
        : await client.acceptNextSession(settings.entity, request.subscription, options);
    } catch (error) {
      if (!noSessionAvailable(error)) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(SESSION_RETRY_MS, Math.max(0, request.deadline - Date.now()))));
  }
}

function noSessionAvailable(error: unknown): boolean {
  if (isServiceBusError(error)) return error.code === 'SessionCannotBeLocked' || error.code === 'ServiceTimeout';
  const name = (error as { name?: string } | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}
