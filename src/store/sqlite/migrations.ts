/** One schema change. Applied once, in order, each in its own transaction (see `migrate`). */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/*
 * The SQL lives in TypeScript so `tsc` output carries it (there is no copy step). Never edit a
 * released migration: append a new one. Instants that are compared (`next_attempt_at`,
 * `locked_until`) are epoch milliseconds; instants that are only shown are ISO 8601 text.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tasks and their dependencies',
    sql: `
      -- The task is read whole, so its recipe, dependencies and warnings are JSON documents;
      -- seq is the compact key other tables point at (8 bytes instead of the caller's id).
      CREATE TABLE tasks (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE,
        spec TEXT NOT NULL,
        dependencies TEXT NOT NULL,
        warnings TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- The dependency index: clustered by ref, so the dependents of a pushed tag are one range
      -- read. position points into tasks.dependencies.
      CREATE TABLE task_dependencies (
        ref TEXT NOT NULL,
        task_seq INTEGER NOT NULL REFERENCES tasks (seq) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        PRIMARY KEY (ref, task_seq, position)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX task_dependencies_by_task ON task_dependencies (task_seq);
    `,
  },
  {
    version: 2,
    name: 'inbox',
    sql: `
      CREATE TABLE inbox_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        source TEXT NOT NULL,
        event_id TEXT NOT NULL,
        ref TEXT,
        digest TEXT,
        media_type TEXT,
        action TEXT,
        received_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'processed', 'ignored')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        note TEXT,
        runs_created INTEGER NOT NULL DEFAULT 0,
        processed_at TEXT,
        UNIQUE (source, event_id)
      ) STRICT;
      CREATE INDEX inbox_events_pending ON inbox_events (seq, next_attempt_at) WHERE status = 'pending';
    `,
  },
  {
    version: 3,
    name: 'runs and outbox',
    sql: `
      CREATE TABLE runs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        task_seq INTEGER NOT NULL REFERENCES tasks (seq) ON DELETE CASCADE,
        task_id TEXT NOT NULL,
        task_name TEXT NOT NULL,
        status TEXT NOT NULL,
        trigger_type TEXT NOT NULL,
        image_update_trigger TEXT,
        root_event TEXT,
        hop INTEGER NOT NULL,
        request_key TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX runs_by_task ON runs (task_seq, seq);
      -- No foreign key to runs: sent rows outlive a deleted task's runs as a record.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id TEXT NOT NULL,
        run_seq INTEGER NOT NULL,
        session_id TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        properties TEXT NOT NULL,
        created_at TEXT NOT NULL,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        sent_at TEXT
      ) STRICT;
      -- Only unsent rows are indexed: the relay's working set stays small and cached however long
      -- the history. Message ids are unique among them; a sent id cannot come back, since it is
      -- the run's request key (unique in runs) and the transport drops duplicates anyway.
      CREATE INDEX outbox_unsent ON outbox (seq, next_attempt_at, created_at, run_seq) WHERE sent_at IS NULL;
      CREATE UNIQUE INDEX outbox_unsent_message_ids ON outbox (message_id) WHERE sent_at IS NULL;
    `,
  },
  {
    version: 4,
    name: 'local queue',
    sql: `
      CREATE TABLE queue_messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id TEXT NOT NULL UNIQUE,
        session_id TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        properties TEXT NOT NULL,
        agent_pool TEXT,
        state TEXT NOT NULL CHECK (state IN ('available', 'locked', 'completed', 'deadlettered')),
        lock_token TEXT,
        locked_until INTEGER,
        delivery_count INTEGER NOT NULL DEFAULT 0,
        enqueued_at TEXT NOT NULL,
        completed_at TEXT,
        dead_letter_reason TEXT,
        dead_letter_description TEXT,
        dead_lettered_at TEXT
      ) STRICT;
      CREATE INDEX queue_available ON queue_messages (agent_pool, seq) WHERE state = 'available';
      CREATE INDEX queue_locked_sessions ON queue_messages (session_id) WHERE state = 'locked';
      CREATE UNIQUE INDEX queue_lock_tokens ON queue_messages (lock_token) WHERE lock_token IS NOT NULL;
      -- Counts by state, lock expiry, the max-delivery sweep, and dead letters newest first.
      CREATE INDEX queue_by_state ON queue_messages (state, dead_lettered_at, seq);
    `,
  },
  {
    version: 5,
    name: 'run outcomes, logs and outputs',
    sql: `
      ALTER TABLE runs ADD COLUMN agent TEXT;
      ALTER TABLE runs ADD COLUMN started_at TEXT;
      ALTER TABLE runs ADD COLUMN finished_at TEXT;
      ALTER TABLE runs ADD COLUMN outcome TEXT;
      CREATE TABLE run_logs (
        run_seq INTEGER PRIMARY KEY REFERENCES runs (seq) ON DELETE CASCADE,
        log TEXT NOT NULL
      ) STRICT;
      -- What each run pushed: a push of one of these digests is that run's own, the next hop of its chain.
      CREATE TABLE run_outputs (
        ref TEXT NOT NULL,
        digest TEXT NOT NULL,
        run_seq INTEGER NOT NULL REFERENCES runs (seq) ON DELETE CASCADE,
        PRIMARY KEY (ref, digest, run_seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX run_outputs_by_run ON run_outputs (run_seq);
    `,
  },
  {
    version: 6,
    name: 'images each task pushes',
    sql: `
      -- Which task pushes a ref: a push of it while that task is building is the build's own.
      CREATE TABLE task_images (
        ref TEXT NOT NULL,
        task_seq INTEGER NOT NULL REFERENCES tasks (seq) ON DELETE CASCADE,
        PRIMARY KEY (ref, task_seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX task_images_by_task ON task_images (task_seq);
      INSERT OR IGNORE INTO task_images (ref, task_seq)
        SELECT image.value, tasks.seq FROM tasks, json_each(tasks.spec, '$.images') AS image;
    `,
  },
  {
    version: 7,
    name: 'one run per task and root event',
    sql: `
      -- DESIGN.md §1: a task is rebuilt at most once per root event, whatever hop reaches it, so
      -- a cycle (A FROM B, B FROM A) ends at its second visit. Manual runs have no root event.
      CREATE UNIQUE INDEX runs_once_per_root ON runs (task_seq, root_event) WHERE root_event IS NOT NULL;
    `,
  },
  {
    version: 8,
    name: 'runs deferred within a wave',
    sql: `
      -- A run held back until another rebuild of the same root event pushes the image it waits on;
      -- released as a run if that rebuild fails, dropped once the task got its run of the chain.
      CREATE TABLE deferred_runs (
        root_event TEXT NOT NULL,
        waiting_on TEXT NOT NULL,
        task_id TEXT NOT NULL,
        run TEXT NOT NULL,
        PRIMARY KEY (root_event, waiting_on, task_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX deferred_runs_by_task ON deferred_runs (root_event, task_id);
    `,
  },
  {
    version: 9,
    name: 'pending events by ref (settle window)',
    sql: `
      -- Issue 6 §2: an event due after its settle window coalesces with the newer pending pushes of
      -- its ref; this finds them without scanning every pending event.
      CREATE INDEX inbox_events_pending_by_ref ON inbox_events (ref, seq) WHERE status = 'pending';
    `,
  },
  {
    version: 10,
    name: 'poll state',
    sql: `
      -- What the poller last saw each watched tag point at: a change is a digest different from it.
      -- Written only when the digest changes (or is first seen), never on an unchanged poll.
      CREATE TABLE poll_state (
        ref TEXT PRIMARY KEY,
        registry TEXT NOT NULL,
        digest TEXT NOT NULL,
        media_type TEXT,
        seen_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX poll_state_by_registry ON poll_state (registry);
      -- Reconciliation asks whether any event reported a digest for a ref (was the push notified?).
      CREATE INDEX inbox_events_by_ref ON inbox_events (ref, digest) WHERE ref IS NOT NULL;
    `,
  },
];
