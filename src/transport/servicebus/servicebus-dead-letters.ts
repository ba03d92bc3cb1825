import type { ServiceBusClient, ServiceBusReceivedMessage, ServiceBusReceiver } from '@azure/service-bus';
import Long from 'long';
import type { ServiceBusSettings } from '../../config';
import type { DeadLetter } from '../../store/local-queue-store';
import { bodyText, deliveryNumber, propertiesText } from './received-fields';
import { CLOUDEVENTS_CONTENT_TYPE } from './servicebus-publisher';

/** Dead letters looked at per queue when listing; the newest of them are shown. */
const PEEK_LIMIT = 250;
/** Messages scanned per dead-letter queue while resubmitting, at most. */
const SCAN_LIMIT = 5000;

/**
 * The dead-letter sub-queue of the entity (`subscription` null) or of one of its subscriptions,
 * read and resubmitted over AMQP with the receiver's own rights.
 */
export function createDeadLetterQueues(client: ServiceBusClient, settings: ServiceBusSettings) {
  function deadLetterReceiver(subscription: string | null): ServiceBusReceiver {
    const options = { subQueueType: 'deadLetter', receiveMode: 'peekLock', skipParsingBodyAsJson: true, maxAutoLockRenewalDurationInMs: 0 } as const;
    return subscription === null ? client.createReceiver(settings.entity, options) : client.createReceiver(settings.entity, subscription, options);
  }

  async function peekDeadLetters(subscription: string | null, limit: number): Promise<DeadLetter[]> {
    const receiver = deadLetterReceiver(subscription);
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
    const receiver = deadLetterReceiver(subscription);
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

  return { peek: peekDeadLetters, resubmit: resubmitFrom };
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
