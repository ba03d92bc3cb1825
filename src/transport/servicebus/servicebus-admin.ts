import type { ServiceBusAdministrationClient, ServiceBusClient, ServiceBusReceivedMessage, ServiceBusReceiver } from '@azure/service-bus';
import Long from 'long';
import { CascadeError } from '../../errors';
import type { ServiceBusSettings } from '../../config';
import type { DeadLetter } from '../../store/local-queue-store';
import type { QueueCounts, TransportAdmin } from '../transport';
import { CLOUDEVENTS_CONTENT_TYPE } from './servicebus-publisher';
import { bodyText, deliveryNumber, propertiesText } from './received-fields';
import { toCascadeError } from './servicebus-errors';

export interface ServiceBusAdminDeps {
  readonly client: ServiceBusClient;
  readonly administration: ServiceBusAdministrationClient;
  readonly settings: ServiceBusSettings;
  /** Topic only: the subscriptions to look at (the default one and every task's agent pool). */
  readonly subscriptions: () => Promise<string[]>;
  /** How long one runtime-properties query may take before status reports it as failed. */
  readonly countTimeoutMs?: number;
}

/** Dead letters looked at per queue when listing; the newest of them are shown. */
const PEEK_LIMIT = 250;
/** Messages scanned per dead-letter queue while resubmitting, at most. */
const SCAN_LIMIT = 5000;

/**
 * Operators' side of Service Bus. Runtime counts come from the HTTPS management API (it needs the
 * Manage right or a reader role; when refused, the queue's line carries the error instead of counts).
 * Dead letters are read and resubmitted over AMQP with the receiver's own rights.
 */
export function createServiceBusAdmin(deps: ServiceBusAdminDeps): TransportAdmin {
  const { client, administration, settings } = deps;
  const timeoutMs = deps.countTimeoutMs ?? 5000;

  async function paths(): Promise<Array<{ name: string; subscription: string | null }>> {
    if (settings.entityType === 'queue') return [{ name: settings.entity, subscription: null }];
    const subscriptions = [...new Set([settings.defaultSubscription, ...(await deps.subscriptions())])].sort();
    return subscriptions.map((subscription) => ({ name: `${settings.entity}/Subscriptions/${subscription}`, subscription }));
  }

  async function counts(path: { name: string; subscription: string | null }): Promise<QueueCounts> {
    const options = { abortSignal: AbortSignal.timeout(timeoutMs) };
    try {
      const properties = path.subscription === null
        ? await administration.getQueueRuntimeProperties(settings.entity, options)
        : await administration.getSubscriptionRuntimeProperties(settings.entity, path.subscription, options);
      const scheduled = 'scheduledMessageCount' in properties ? properties.scheduledMessageCount : null;
      return { name: path.name, active: properties.activeMessageCount, deadLettered: properties.deadLetterMessageCount, scheduled };
    } catch (error) {
      return { name: path.name, active: null, deadLettered: null, scheduled: null, error: toCascadeError(error, 'read runtime properties').message };
    }
  }

  function deadLetterReceiver(subscription: string | null, mode: 'peekLock'): ServiceBusReceiver {
    const options = { subQueueType: 'deadLetter', receiveMode: mode, skipParsingBodyAsJson: true, maxAutoLockRenewalDurationInMs: 0 } as const;
    return subscription === null ? client.createReceiver(settings.entity, options) : client.createReceiver(settings.entity, subscription, options);
  }

  async function peekDeadLetters(subscription: string | null, limit: number): Promise<DeadLetter[]> {
    const receiver = deadLetterReceiver(subscription, 'peekLock');
    try {
      const found: ServiceBusReceivedMessage[] = [];
      // The SDK remembers the last peeked sequence number per entity for the whole client, so
      // each listing says where to start: from the beginning, then after the last one seen.
      let from = Long.ZERO;
      while (found.length < PEEK_LIMIT) {
        const page = await receiver.peekMessages(Math.min(100, PEEK_LIMIT - found.length), { fromSequenceNumber: from });
        if (page.length === 0) break;
        found.push(...page);
        from = page.at(-1)!.sequenceNumber!.add(1);
      }
      return found.slice(-limit).reverse().map(toDeadLetter);
    } finally {
      await receiver.close();
    }
  }

  async function resubmitFrom(subscription: string | null, wanted: Set<string> | 'all'): Promise<string[]> {
    const receiver = deadLetterReceiver(subscription, 'peekLock');
    const sender = client.createSender(settings.entity);
    const kept: ServiceBusReceivedMessage[] = [];
    const moved: string[] = [];
    try {
      for (let scanned = 0; scanned < SCAN_LIMIT && (wanted === 'all' || wanted.size > 0);) {
        const batch = await receiver.receiveMessages(32, { maxWaitTimeInMs: 1000 });
        if (batch.length === 0) break;
        scanned += batch.length;
        for (const message of batch) {
          const id = String(message.messageId ?? '');
          if (wanted !== 'all' && !wanted.has(id)) {
            kept.push(message);
            continue;
          }
          // A new message id: the original is still inside the duplicate-detection window, maybe.
          await sender.sendMessages({
            messageId: `${id}~r${Date.now().toString(36)}`,
            ...(message.sessionId ? { sessionId: message.sessionId } : {}),
            subject: message.subject,
            contentType: message.contentType ?? CLOUDEVENTS_CONTENT_TYPE,
            body: message.body as unknown,
            applicationProperties: { ...message.applicationProperties, resubmittedFrom: id },
          });
          await receiver.completeMessage(message);
          moved.push(id);
          if (wanted !== 'all') wanted.delete(id);
        }
      }
    } finally {
      // Others' dead letters go back untouched (held locked until now, so the scan saw each once).
      await Promise.all(kept.map((message) => receiver.abandonMessage(message).catch(() => undefined)));
      await Promise.all([receiver.close(), sender.close()]);
    }
    return moved;
  }

  return {
    kind: 'servicebus',
    async queueCounts() {
      return Promise.all((await paths()).map(counts));
    },
    async deadLetters(limit) {
      try {
        const lists = await Promise.all((await paths()).map(({ subscription }) => peekDeadLetters(subscription, limit)));
        return lists.flat().sort((a, b) => b.deadLetteredAt.localeCompare(a.deadLetteredAt)).slice(0, limit);
      } catch (error) {
        throw toCascadeError(error, 'read dead letters');
      }
    },
    async resubmit(messageIds) {
      const wanted = messageIds === 'all' ? 'all' as const : new Set(messageIds);
      const moved: string[] = [];
      try {
        for (const { subscription } of await paths()) moved.push(...(await resubmitFrom(subscription, wanted)));
      } catch (error) {
        throw toCascadeError(error, 'resubmit dead letters');
      }
      if (wanted !== 'all' && wanted.size > 0) {
        throw new CascadeError('DEAD_LETTER_NOT_FOUND', `not dead-lettered: ${[...wanted].join(', ')}${moved.length > 0 ? ` (resubmitted: ${moved.join(', ')})` : ''}`);
      }
      return moved;
    },
    async close() {
      // The AMQP client is closed by its owner; the HTTPS client holds no connection.
    },
  };
}

function toDeadLetter(message: ServiceBusReceivedMessage): DeadLetter {
  return {
    messageId: String(message.messageId ?? ''),
    subject: message.subject ?? '',
    body: bodyText(message),
    properties: propertiesText(message),
    deliveryCount: deliveryNumber(message),
    reason: message.deadLetterReason ?? '',
    description: message.deadLetterErrorDescription ?? '',
    // Service Bus keeps the original enqueue time on a dead letter; it is the closest it tells.
    deadLetteredAt: message.enqueuedTimeUtc?.toISOString() ?? '',
  };
}
