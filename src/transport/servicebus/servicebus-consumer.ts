import {
  type ServiceBusClient,
  type ServiceBusReceivedMessage,
  type ServiceBusReceiver,
  type ServiceBusSessionReceiver,
} from '@azure/service-bus';
import { CascadeError } from '../../errors';
import type { ServiceBusSettings } from '../../config';
import type { Consumer, ReceivedMessage } from '../transport';
import { subscriptionFor } from './servicebus-connection';
import { acceptNextSession } from './accept-next-session';
import { bodyText, deliveryNumber, propertiesText } from './received-fields';
import { toCascadeError } from './servicebus-errors';

/** A message in an agent's hands, with the receiver that must settle it. */
interface Held {
  readonly message: ServiceBusReceivedMessage;
  readonly receiver: ServiceBusReceiver | ServiceBusSessionReceiver;
  /** Session mode: the session receiver is this message's alone and is closed when it is settled. */
  readonly session: ServiceBusSessionReceiver | null;
}

/** Locks are renewed explicitly by the agent (`keepLock`), not by the SDK's timer. */
const RECEIVER_OPTIONS = { receiveMode: 'peekLock', maxAutoLockRenewalDurationInMs: 0, skipParsingBodyAsJson: true } as const;

/**
 * The agents' side of Service Bus (DESIGN.md §5, §6): peek-lock receive, settlement by lock token,
 * explicit lock renewal. Without sessions one receiver per pool serves every worker, one receive at
 * a time (the SDK allows no concurrent receives on a receiver). With sessions each message comes
 * from a session accepted for it and released when it is settled, so one task's builds never run
 * at once anywhere, and the next of its messages goes to whichever agent asks next.
 */
export function createServiceBusConsumer(client: ServiceBusClient, settings: ServiceBusSettings): Consumer {
  const held = new Map<string, Held>();
  const receivers = new Map<string, { receiver: ServiceBusReceiver; turn: Promise<unknown> }>();
  const sessions = new Set<ServiceBusSessionReceiver>();
  let closed = false;

  const where = (pool: string | null) =>
    settings.entityType === 'queue' ? settings.entity : `${settings.entity}/Subscriptions/${subscriptionFor(settings, pool)}`;

  function checkPool(pool: string | null): void {
    if (settings.entityType === 'queue' && pool !== null) {
      throw new CascadeError('CONFIG_INVALID', `agent pool "${pool}" needs SERVICEBUS_ENTITY_TYPE=topic with a subscription named after the pool; a queue has no filters`);
    }
  }

  function receiverFor(pool: string | null) {
    const key = pool ?? '';
    let entry = receivers.get(key);
    if (!entry) {
      const receiver = settings.entityType === 'queue'
        ? client.createReceiver(settings.entity, RECEIVER_OPTIONS)
        : client.createReceiver(settings.entity, subscriptionFor(settings, pool), RECEIVER_OPTIONS);
      entry = { receiver, turn: Promise.resolve() };
      receivers.set(key, entry);
    }
    return entry;
  }

  async function receiveShared(pool: string | null, max: number, waitMs: number): Promise<ReceivedMessage[]> {
    const entry = receiverFor(pool);
    const run = entry.turn.then(() => entry.receiver.receiveMessages(max, { maxWaitTimeInMs: Math.max(1, waitMs) }));
    entry.turn = run.catch(() => undefined);
    const messages = await run;
    return messages.map((message) => hold(message, entry.receiver, null));
  }

  async function receiveFromSession(pool: string | null, waitMs: number): Promise<ReceivedMessage[]> {
    const deadline = Date.now() + waitMs;
    const session = await acceptNextSession(client, settings, { subscription: subscriptionFor(settings, pool), deadline, options: RECEIVER_OPTIONS, closed: () => closed });
    if (!session) return [];
    sessions.add(session);
    try {
      const [message] = await session.receiveMessages(1, { maxWaitTimeInMs: Math.max(1, deadline - Date.now()) });
      if (message) return [hold(message, session, session)];
    } catch (error) {
      await release(session);
      throw error;
    }
    await release(session);
    return [];
  }

  async function release(session: ServiceBusSessionReceiver): Promise<void> {
    sessions.delete(session);
    await session.close().catch(() => undefined);
  }

  function hold(message: ServiceBusReceivedMessage, receiver: ServiceBusReceiver | ServiceBusSessionReceiver, session: ServiceBusSessionReceiver | null): ReceivedMessage {
    const lockToken = message.lockToken;
    if (!lockToken) throw new CascadeError('DISPATCH_FAILED', `message ${String(message.messageId)} arrived without a lock token (not peek-lock?)`);
    held.set(lockToken, { message, receiver, session });
    const lockedUntil = message.lockedUntilUtc ?? session?.sessionLockedUntilUtc ?? new Date();
    return {
      messageId: String(message.messageId ?? ''),
      subject: message.subject ?? '',
      body: bodyText(message),
      properties: propertiesText(message),
      lockToken,
      lockedUntil: lockedUntil.toISOString(),
      deliveryCount: deliveryNumber(message),
    };
  }

  async function settle(lockToken: string, action: string, apply: (h: Held) => Promise<unknown>): Promise<void> {
    const h = held.get(lockToken);
    if (!h) throw new CascadeError('LOCK_LOST', `the lock ${lockToken} is not held by this agent (settled already, or received elsewhere)`);
    try {
      await apply(h);
    } catch (error) {
      throw toCascadeError(error, `${action} on ${where(null)}`);
    }
    held.delete(lockToken);
    if (h.session) await release(h.session);
  }

  return {
    async receive({ pool, max, waitMs }) {
      checkPool(pool);
      if (closed) return [];
      try {
        return settings.sessions ? await receiveFromSession(pool, waitMs) : await receiveShared(pool, max, waitMs);
      } catch (error) {
        throw toCascadeError(error, `receive from ${where(pool)}`);
      }
    },
    complete: (lockToken) => settle(lockToken, 'complete', (h) => h.receiver.completeMessage(h.message)),
    abandon: (lockToken) => settle(lockToken, 'abandon', (h) => h.receiver.abandonMessage(h.message)),
    deadLetter: (lockToken, reason, description) => settle(lockToken, 'dead-letter', (h) =>
      h.receiver.deadLetterMessage(h.message, { deadLetterReason: reason.slice(0, 256), deadLetterErrorDescription: description.slice(0, 4096) })),
    async renewLock(lockToken) {
      const h = held.get(lockToken);
      if (!h) throw new CascadeError('LOCK_LOST', `the lock ${lockToken} is not held by this agent`);
      try {
        const until = h.session ? await h.session.renewSessionLock() : await (h.receiver as ServiceBusReceiver).renewMessageLock(h.message);
        return until.toISOString();
      } catch (error) {
        throw toCascadeError(error, 'renew lock');
      }
    },
    async close() {
      closed = true;
      await Promise.all([...[...receivers.values()].map(({ receiver }) => receiver.close()), ...[...sessions].map(release)]);
      receivers.clear();
      held.clear();
    },
  };
}
