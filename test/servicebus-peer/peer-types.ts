/** A subscription of a topic declared in the peer. */
export interface PeerSubscriptionConfig {
  name: string;
  requiresSession?: boolean;
  lockDurationMs?: number;
  maxDeliveryCount?: number;
  /** Correlation-filter-like: every listed application property must equal; absent = all messages. */
  filter?: Record<string, string>;
}

/** A queue or topic the peer declares (Service Bus entities are created out of band, never by the client). */
export interface PeerEntityConfig {
  name: string;
  type: 'queue' | 'topic';
  /** Queues only (subscriptions carry their own flag). */
  requiresSession?: boolean;
  /** Default true. */
  duplicateDetection?: boolean;
  /** Default 10 minutes. */
  duplicateDetectionWindowMs?: number;
  /** Default 60 000. */
  lockDurationMs?: number;
  /** Default 10. */
  maxDeliveryCount?: number;
  /** Default 262 144 (Standard tier), advertised on every attach. */
  maxMessageSizeBytes?: number;
  subscriptions?: PeerSubscriptionConfig[];
}

/** What a test sees of a stored message. */
export interface PeerMessageView {
  messageId: string;
  sessionId?: string;
  subject?: string;
  contentType?: string;
  body: unknown;
  applicationProperties: Record<string, unknown>;
  /** Deliveries made so far (the next delivery reports this as `deliveryCount`). */
  deliveryCount: number;
  deadLetterReason?: string;
  deadLetterErrorDescription?: string;
}

export interface PeerCounts {
  active: number;
  locked: number;
  deadLettered: number;
  scheduled: number;
}

export interface PeerStats {
  received: number;
  duplicatesDropped: number;
}

export interface ServiceBusPeer {
  readonly port: number;
  /** `Endpoint=sb://<host>:<port>;SharedAccessKeyName=<n>;SharedAccessKey=<k>;UseDevelopmentEmulator=true` */
  readonly connectionString: string;
  /** Same endpoint, another key (to test `UnauthorizedAccess`). */
  connectionStringWithKey(key: string): string;
  /** Stops listening and drops every connection, keeping all state (messages, dedup ids). */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Counts for an entity path: 'rebuilds', 'topic/Subscriptions/sub'. Throws for unknown. */
  counts(path: string): PeerCounts;
  /** Snapshot of the messages: active (available + locked + deferred) or the dead-letter queue. */
  messages(path: string, which?: 'active' | 'deadletter'): PeerMessageView[];
  /** Sends received and sends dropped as duplicates, per queue or topic name. */
  stats(name: string): PeerStats;
  close(): Promise<void>;
}

export interface ServiceBusPeerOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 'RootManageSharedAccessKey'. */
  keyName?: string;
  /** Default: a fixed test key (`DEFAULT_PEER_KEY`). */
  key?: string;
  /** Default: a queue `rebuilds` with duplicate detection. */
  entities?: PeerEntityConfig[];
}
