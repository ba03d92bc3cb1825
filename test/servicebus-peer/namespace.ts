import type { Message } from 'rhea';
import { DuplicateDetector } from './duplicate-detector';
import { queueSettings, sendSettings, subscriptionSettings, type TopicOrQueueSettings } from './entity-settings';
import { MessageQueue } from './message-queue';
import type { PeerEntityConfig, PeerStats } from './peer-types';

/** A queue or a topic: what a sender link attaches to. */
export interface SendTarget {
  settings: TopicOrQueueSettings;
  dedup: DuplicateDetector | undefined;
  stats: PeerStats;
  /** Queues only: a message without a session id is refused. */
  requiresSession: boolean;
  /** Every queue behind the target (the queue itself, or each subscription). */
  queues: MessageQueue[];
  /** One sequence-number space per target, so a scheduled message has one number across subscriptions. */
  nextSeq: number;
  /** Where a message goes: the queue itself, or each subscription whose filter matches. */
  route(message: Message): MessageQueue[];
}

/** The entity behind a `<entity>/$management` address. */
export interface ManagementScope {
  queue: MessageQueue | undefined;
  target: SendTarget | undefined;
}

const MANAGEMENT = '/$management';

/** Every declared entity of the peer, built once from the configuration. */
export class Namespace {
  private readonly targets = new Map<string, SendTarget>();
  private readonly queues = new Map<string, MessageQueue>();
  private readonly sizes = new Map<MessageQueue, number>();

  constructor(entities: PeerEntityConfig[], onAvailable: (queue: MessageQueue) => void) {
    for (const entity of entities) {
      const send = sendSettings(entity);
      const size = send.maxMessageSizeBytes;
      const owned: Array<{ queue: MessageQueue; filter?: Record<string, string> }> = [];
      const settingsList =
        entity.type === 'queue'
          ? [{ settings: queueSettings(entity), filter: undefined }]
          : (entity.subscriptions ?? []).map((s) => ({ settings: subscriptionSettings(entity, s), filter: s.filter }));
      for (const { settings, filter } of settingsList) {
        const dlqSettings = { ...settings, path: `${settings.path}/$DeadLetterQueue`, maxDeliveryCount: Infinity };
        const dlq: MessageQueue = new MessageQueue(dlqSettings, undefined, () => onAvailable(dlq));
        const queue: MessageQueue = new MessageQueue(settings, dlq, () => onAvailable(queue));
        this.queues.set(settings.path.toLowerCase(), queue);
        this.queues.set(dlqSettings.path.toLowerCase(), dlq);
        owned.push({ queue, filter });
        this.sizes.set(queue, size).set(dlq, size);
      }
      this.targets.set(entity.name.toLowerCase(), {
        settings: send,
        dedup: send.duplicateDetection ? new DuplicateDetector(send.duplicateDetectionWindowMs) : undefined,
        stats: { received: 0, duplicatesDropped: 0 },
        requiresSession: entity.type === 'queue' && (entity.requiresSession ?? false),
        queues: owned.map((o) => o.queue),
        nextSeq: 1,
        route: (message) => owned.filter((o) => matches(o.filter, message)).map((o) => o.queue),
      });
    }
  }

  /** Lookups are case-insensitive, like Service Bus paths. */
  sendTarget(address: string): SendTarget | undefined {
    return this.targets.get(normalise(address));
  }

  /** A queue, a subscription or a dead-letter queue (a topic cannot be received from). */
  receiveQueue(address: string): MessageQueue | undefined {
    return this.queues.get(normalise(address));
  }

  maxMessageSize(queue: MessageQueue): number {
    return this.sizes.get(queue) ?? 262_144;
  }

  management(address: string): ManagementScope | undefined {
    const path = normalise(address);
    if (!path.endsWith(MANAGEMENT)) return undefined;
    const entity = path.slice(0, -MANAGEMENT.length);
    const queue = this.queues.get(entity);
    const target = this.targets.get(entity);
    return queue || target ? { queue, target } : undefined;
  }

  /** Queues (and dead-letter queues) by path, and send targets by name, for the test API. */
  queue(path: string): MessageQueue | undefined {
    return this.queues.get(normalise(path));
  }

  target(name: string): SendTarget | undefined {
    return this.targets.get(name.toLowerCase());
  }

  allQueues(): MessageQueue[] {
    return [...new Set(this.queues.values())];
  }
}

function normalise(address: string): string {
  return address.replace(/^\/+/, '').toLowerCase();
}

/** A correlation-filter-like match: every listed application property equals its value. */
function matches(filter: Record<string, string> | undefined, message: Message): boolean {
  if (!filter) return true;
  const props: Record<string, unknown> = message.application_properties ?? {};
  return Object.entries(filter).every(([key, value]) => props[key] !== undefined && String(props[key]) === value);
}
