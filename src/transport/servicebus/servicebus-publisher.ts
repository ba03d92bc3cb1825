import type { ServiceBusClient, ServiceBusMessage, ServiceBusMessageBatch, ServiceBusSender } from '@azure/service-bus';
import { CascadeError } from '../../errors';
import type { OutboxMessage } from '../../store/store';
import type { Publisher } from '../transport';
import { toCascadeError } from './servicebus-errors';

export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';

/**
 * The bus message for an outbox row (DESIGN.md §5): the request key as `messageId`, so duplicate
 * detection drops a resend; the task as `sessionId` when sessions are on; the CloudEvents type as
 * `subject`; the filterable facts as application properties — `agentPool` always present (the default
 * subscription's name for tasks without a pool), so every subscription can use a correlation filter
 * `agentPool = '<its name>'`. The body goes as UTF-8 bytes (an AMQP data section), readable by any
 * client, not as a JSON-encoded string.
 */
export function toServiceBusMessage(message: OutboxMessage, options: { sessions: boolean; defaultPool: string }): ServiceBusMessage {
  return {
    messageId: message.messageId,
    ...(options.sessions ? { sessionId: message.sessionId } : {}),
    subject: message.subject,
    contentType: CLOUDEVENTS_CONTENT_TYPE,
    body: Buffer.from(message.body, 'utf8'),
    applicationProperties: { ...message.properties, agentPool: message.properties.agentPool ?? options.defaultPool },
  };
}

/**
 * Publishes in as few sends as fit: `createMessageBatch` / `tryAddMessage`, a new batch when one is
 * full. A message too large even for an empty batch is not sent; the others are, and the publish
 * then fails with DISPATCH_MESSAGE_TOO_LARGE naming it, so the relay can end its run.
 */
export function createServiceBusPublisher(client: ServiceBusClient, options: { entity: string; sessions: boolean; defaultPool: string }): Publisher {
  let sender: ServiceBusSender | null = null;
  const senderNow = () => (sender ??= client.createSender(options.entity));

  async function publishAll(messages: readonly OutboxMessage[]): Promise<void> {
    const s = senderNow();
    const tooLarge: string[] = [];
    let batch: ServiceBusMessageBatch = await s.createMessageBatch();
    for (const message of messages) {
      const busMessage = toServiceBusMessage(message, options);
      if (batch.tryAddMessage(busMessage)) continue;
      if (batch.count === 0) {
        tooLarge.push(message.messageId);
        continue;
      }
      await s.sendMessages(batch);
      batch = await s.createMessageBatch();
      if (!batch.tryAddMessage(busMessage)) tooLarge.push(message.messageId);
    }
    if (batch.count > 0) await s.sendMessages(batch);
    if (tooLarge.length > 0) {
      throw new CascadeError('DISPATCH_MESSAGE_TOO_LARGE', `${tooLarge.length} message(s) exceed the entity's maximum message size of ${batch.maxSizeInBytes} bytes: ${tooLarge.join(', ')}`, {
        retryable: false, details: { messageIds: tooLarge, maxSizeInBytes: batch.maxSizeInBytes },
      });
    }
  }

  return {
    async publish(messages) {
      if (messages.length === 0) return;
      try {
        await publishAll(messages);
      } catch (error) {
        throw toCascadeError(error, `send to ${options.entity}`);
      }
    },
    async close() {
      await sender?.close();
    },
  };
}
