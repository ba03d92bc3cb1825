import type { PeerEntityConfig, PeerSubscriptionConfig } from './peer-types';

export const DEFAULT_ENTITIES: PeerEntityConfig[] = [{ name: 'rebuilds', type: 'queue', duplicateDetection: true }];

/** Settings of one queue-like store (a queue or a subscription), defaults applied. */
export interface QueueSettings {
  /** The entity path as declared: 'rebuilds', 'topic/Subscriptions/sub'. */
  path: string;
  requiresSession: boolean;
  lockDurationMs: number;
  maxDeliveryCount: number;
}

export interface TopicOrQueueSettings {
  name: string;
  duplicateDetection: boolean;
  duplicateDetectionWindowMs: number;
  maxMessageSizeBytes: number;
}

export function queueSettings(entity: PeerEntityConfig): QueueSettings {
  return {
    path: entity.name,
    requiresSession: entity.requiresSession ?? false,
    lockDurationMs: entity.lockDurationMs ?? 60_000,
    maxDeliveryCount: entity.maxDeliveryCount ?? 10,
  };
}

export function subscriptionSettings(topic: PeerEntityConfig, sub: PeerSubscriptionConfig): QueueSettings {
  return {
    path: `${topic.name}/Subscriptions/${sub.name}`,
    requiresSession: sub.requiresSession ?? false,
    lockDurationMs: sub.lockDurationMs ?? topic.lockDurationMs ?? 60_000,
    maxDeliveryCount: sub.maxDeliveryCount ?? topic.maxDeliveryCount ?? 10,
  };
}

export function sendSettings(entity: PeerEntityConfig): TopicOrQueueSettings {
  return {
    name: entity.name,
    duplicateDetection: entity.duplicateDetection ?? true,
    duplicateDetectionWindowMs: entity.duplicateDetectionWindowMs ?? 10 * 60_000,
    maxMessageSizeBytes: entity.maxMessageSizeBytes ?? 262_144,
  };
}
