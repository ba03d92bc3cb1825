import type { ServiceBusAdministrationClient, ServiceBusClient } from '@azure/service-bus';
import { CascadeError } from '../../errors';
import type { ServiceBusSettings } from '../../config';
import type { QueueCounts, TransportAdmin } from '../transport';
import { createDeadLetterQueues } from './servicebus-dead-letters';
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

  const queues = createDeadLetterQueues(client, settings);

  return {
    kind: 'servicebus',
    async queueCounts() {
      return Promise.all((await paths()).map(counts));
    },
    async deadLetters(limit) {
      try {
        const lists = await Promise.all((await paths()).map(({ subscription }) => queues.peek(subscription, limit)));
        return lists.flat().sort((a, b) => b.deadLetteredAt.localeCompare(a.deadLetteredAt)).slice(0, limit);
      } catch (error) {
        throw toCascadeError(error, 'read dead letters');
      }
    },
    async resubmit(messageIds) {
      const wanted = messageIds === 'all' ? 'all' as const : new Set(messageIds);
      const moved: string[] = [];
      try {
        for (const { subscription } of await paths()) moved.push(...(await queues.resubmit(subscription, wanted)));
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
