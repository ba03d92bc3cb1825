import type { IgnoredEvent, ImagePushed } from '../core/image-pushed';
import type { Run, RunStatus } from '../core/run';
import type { Task, TrackedDependency } from '../core/task';
import type { PollState, TrackedRef } from './watched-refs';

/** An event in the durable inbox. */
export interface InboxEvent extends ImagePushed {
  /** Store-assigned order of arrival. */
  readonly seq: number;
  readonly status: 'pending' | 'processed' | 'ignored';
  readonly attempts: number;
  /** Why it was ignored, why it waits (last error), or what processing found. */
  readonly note: string | null;
  /** Runs it created when processed. */
  readonly runsCreated: number;
  readonly processedAt: string | null;
}

/** A task that depends on a ref, with that dependency as recorded. */
export interface Dependent {
  readonly task: Task;
  readonly dependency: TrackedDependency;
}

export type FinalRunStatus = 'Succeeded' | 'Failed' | 'Error' | 'Timeout' | 'Canceled';

/** What an agent reports when a build ends. */
export interface RunReport {
  readonly status: FinalRunStatus;
  /** One line for people: why it failed (null on success). */
  readonly reason: string | null;
  /** The images pushed, with the digests the registry gave them. */
  readonly outputImages: ReadonlyArray<{ readonly ref: string; readonly digest: string }>;
  /** The bases the build actually used (from the pushed image's annotations, else discovery). */
  readonly dependencies: readonly TrackedDependency[] | null;
  readonly log: string;
  /** The last lines of the log, shown with the run. */
  readonly logTail: string;
}

/** A finished (or started) run's facts beyond its status. */
export interface RunOutcome {
  readonly agent: string | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly reason: string | null;
  readonly outputImages: ReadonlyArray<{ readonly ref: string; readonly digest: string }>;
  readonly dependencies: readonly TrackedDependency[] | null;
  readonly logTail: string;
}

/** A run to create; the store assigns `id`, `createdAt`, `updatedAt` and status `Queued`. */
export type NewRun = Omit<Run, 'id' | 'status' | 'createdAt' | 'updatedAt'>;

/** A message bound for the transport, written in the same transaction as its run. */
export interface OutboxMessage {
  /** Deterministic (the run's request key): duplicate detection drops resends. */
  readonly messageId: string;
  /** The task's id: one task's builds never run concurrently. */
  readonly sessionId: string;
  /** CloudEvents `type`, also the Service Bus `subject`. */
  readonly subject: string;
  /** The CloudEvents 1.0 JSON document. */
  readonly body: string;
  /** For subscription filters and agent pools: `task`, `agentPool`, `platform`, `trigger`. */
  readonly properties: Readonly<Record<string, string>>;
}

export interface OutboxRow extends OutboxMessage {
  readonly seq: number;
  readonly runId: string;
  readonly attempts: number;
}

export interface AppendResult {
  /** New events stored (accepted and ignored). */
  readonly stored: number;
  /** Events already in the inbox (same source and event id): redeliveries, answered as success. */
  readonly duplicates: number;
}

/**
 * A recorded dependency digest moved forward without a run: the base's index changed but none of
 * the task's platforms did (issue 6 §2). Applied only while the recorded digest is still
 * `previousDigest`, so a build's report written meanwhile is never overwritten.
 */
export interface DependencyDigestUpdate {
  readonly taskId: string;
  readonly ref: string;
  readonly previousDigest: string | null;
  readonly digest: string;
}

export interface EventCompletion {
  readonly seq: number;
  readonly runs: readonly NewRun[];
  /** Applied in the same transaction as the runs. */
  readonly dependencyUpdates?: readonly DependencyDigestUpdate[];
  /** Runs held back until the image they wait on is rebuilt (or its rebuild fails). */
  readonly deferred?: ReadonlyArray<{ readonly waitingOn: string; readonly run: NewRun }>;
  readonly toMessage: (run: Run) => OutboxMessage;
  readonly note: string | null;
}

/** Inbox, index, runs and outbox (DESIGN.md §4). Every method is atomic. */
export interface Store {
  /** Stores the task and its dependencies; TASK_ALREADY_EXISTS if the name is taken. */
  createTask(task: Task): Promise<void>;
  /** Replaces the task (matched by id) and its dependencies; TASK_NOT_FOUND if it is gone. */
  updateTask(task: Task): Promise<void>;
  getTask(name: string): Promise<Task | null>;
  listTasks(): Promise<Task[]>;
  /** Deletes the task, its dependencies and its runs; false if there was none. */
  deleteTask(name: string): Promise<boolean>;
  /** Every task with a dependency on this canonical `registry/repository:tag`. */
  findDependents(ref: string): Promise<Dependent[]>;

  /** Inserts events unless their (source, eventId) is already stored; ignored ones as `ignored`. */
  appendEvents(events: readonly ImagePushed[], ignored: readonly IgnoredEvent[]): Promise<AppendResult>;
  /**
   * Several deliveries (each one HTTP request's events) in ONE transaction, one result each:
   * group commit, so concurrent webhooks share one sync of the log.
   */
  appendDeliveries(deliveries: ReadonlyArray<{ readonly events: readonly ImagePushed[]; readonly ignored: readonly IgnoredEvent[] }>): Promise<AppendResult[]>;
  /** Pending events due at `now`, oldest first. */
  pendingEvents(limit: number, now: Date): Promise<InboxEvent[]>;
  /** Records a digest learned after receipt (Docker Hub sends none). */
  setEventDigest(seq: number, digest: string, mediaType: string | null): Promise<void>;
  /** Leaves the event pending until `retryAt`, counting the attempt and keeping the error. */
  deferEvent(seq: number, retryAt: Date, error: string): Promise<void>;
  /** Leaves a pending event until `until` without counting an attempt (the settle window). */
  holdEvent(seq: number, until: Date, note: string): Promise<void>;
  /** Every pending event of this ref, due or not, oldest first: what a settle window coalesces. */
  pendingEventsOfRef(ref: string): Promise<InboxEvent[]>;
  /** Marks those still pending processed, with no runs and the note (superseded by a newer push). */
  supersedeEvents(seqs: readonly number[], note: string): Promise<void>;
  /**
   * In one transaction: inserts the runs whose request key is new, an outbox message for each
   * (built by `toMessage` once the run has its id), and marks the event processed.
   */
  completeEvent(seq: number, runs: readonly NewRun[], toMessage: (run: Run) => OutboxMessage, note: string | null): Promise<Run[]>;
  /**
   * Several `completeEvent`s in one transaction (one lock, one commit), each in a savepoint of its
   * own: one that fails is rolled back alone, stays pending and reports its error.
   */
  completeEvents(items: readonly EventCompletion[]): Promise<Array<{ readonly runs: Run[] } | { readonly error: unknown }>>;
  recentEvents(limit: number): Promise<InboxEvent[]>;

  /** A run outside any event (manual), with its outbox message, in one transaction. */
  createRun(run: NewRun, toMessage: (run: Run) => OutboxMessage): Promise<Run>;
  getRun(id: string): Promise<Run | null>;
  /** Newest first; optionally one task's. */
  listRuns(options: { taskName?: string; limit: number }): Promise<Run[]>;
  setRunStatus(id: string, status: RunStatus): Promise<void>;
  /** An agent took the run: status Started, the agent and time recorded. RUN_FINISHED if it is over. */
  startRun(id: string, agent: string, now: Date): Promise<Run>;
  /**
   * The build's report, in one transaction: final status, outcome, full log, the images pushed,
   * and — when it succeeded and reports the bases it used — those replace the task's recorded
   * dependencies. Reporting the same final status again is a no-op (an agent's retried report).
   */
  finishRun(id: string, report: RunReport, now: Date): Promise<Run>;
  getRunOutcome(id: string): Promise<RunOutcome | null>;
  /** The newest run that reported pushing `digest` to `ref`: a push that continues its chain. */
  findRunByOutput(ref: string, digest: string): Promise<Run | null>;
  /** The runs of `rootEvent` deferred on `ref`, left in place (a run of their task removes them). */
  deferredRunsWaitingOn(rootEvent: string, ref: string): Promise<NewRun[]>;
  /** Removes and returns the runs of `rootEvent` deferred on any of `refs` (their rebuild failed). */
  releaseDeferredRuns(rootEvent: string, refs: readonly string[]): Promise<NewRun[]>;
  /** A run in progress (Started or Running) of a task that pushes `ref`, if any. */
  activeRunProducing(ref: string): Promise<Run | null>;
  getRunLog(id: string): Promise<string | null>;

  /** Up to `limit` unsent messages due at `now`, leased for `leaseMs` so no other relay takes them. */
  claimOutbox(limit: number, now: Date, leaseMs: number): Promise<OutboxRow[]>;
  markSent(seqs: readonly number[], now: Date): Promise<void>;
  /** Publishing failed: try again at `retryAt`. */
  releaseOutbox(seqs: readonly number[], retryAt: Date, error: string): Promise<void>;
  /**
   * The transport refused these messages for good (too large for the bus): they leave the outbox
   * unsent, keeping `reason` as their last error, and their runs end with status Error and that reason.
   */
  failOutbox(seqs: readonly number[], reason: string, now: Date): Promise<void>;
  /** Messages written but not yet sent, and the age of the oldest in ms. */
  outboxDepth(now: Date): Promise<{ pending: number; oldestAgeMs: number | null }>;

  /** The tags the poller watches: dependencies that could trigger a task with an enabled trigger. */
  listTrackedRefs(): Promise<TrackedRef[]>;
  /** What the poller last saw of each ref of `registry`. */
  listPollStates(registry: string): Promise<PollState[]>;
  /** Records what the poller saw, replacing the previous state of each ref. */
  savePollStates(states: readonly PollState[]): Promise<void>;
  /** Whether an inbox event reported `digest` for `ref` (reconciliation: was the push notified?). */
  hasEventFor(ref: string, digest: string): Promise<boolean>;
  /** How many pushes to `registry` reconciliation ever found that no webhook reported (its events in the inbox). */
  countMissedNotifications(registry: string): Promise<number>;

  close(): Promise<void>;
}
