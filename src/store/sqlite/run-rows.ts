import type { ImageUpdateTrigger, Run, RunStatus, RunTrigger } from '../../core/run';
import type { NewRun } from '../store';

export interface RunRow {
  readonly seq: number;
  readonly task_seq: number;
  readonly task_id: string;
  readonly task_name: string;
  readonly status: string;
  readonly trigger_type: string;
  readonly image_update_trigger: string | null;
  readonly root_event: string | null;
  readonly hop: number;
  readonly request_key: string;
  readonly created_at: string;
  readonly updated_at: string;
}

/** ACR-style run ids (`cr1`, `cr2`, …) over the AUTOINCREMENT key, so an id is never reused. */
export function runId(seq: number): string {
  return `cr${seq}`;
}

/** The key behind a run id, or null when the id is not one of ours. */
export function runSeq(id: string): number | null {
  const match = /^cr([1-9]\d{0,15})$/.exec(id);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** A new run's row: status Queued, created and updated `now`; the keys come from the insert. */
export type NewRunRow = Omit<RunRow, 'seq' | 'task_seq'>;

export function newRunToRow(run: NewRun, now: string): NewRunRow {
  return {
    task_id: run.taskId, task_name: run.taskName, status: 'Queued' satisfies RunStatus, trigger_type: run.trigger,
    image_update_trigger: run.imageUpdateTrigger === null ? null : JSON.stringify(run.imageUpdateTrigger),
    root_event: run.rootEvent, hop: run.hop, request_key: run.requestKey, created_at: now, updated_at: now,
  };
}

/** The run just inserted as `seq`, built from what the caller gave rather than read back. */
export function queuedRun(run: NewRun, seq: number, now: string): Run {
  return {
    id: runId(seq), taskId: run.taskId, taskName: run.taskName, status: 'Queued', trigger: run.trigger,
    imageUpdateTrigger: run.imageUpdateTrigger, rootEvent: run.rootEvent, hop: run.hop, requestKey: run.requestKey,
    createdAt: now, updatedAt: now,
  };
}

export function rowToRun(row: RunRow): Run {
  return {
    id: runId(row.seq), taskId: row.task_id, taskName: row.task_name, status: row.status as RunStatus,
    trigger: row.trigger_type as RunTrigger,
    imageUpdateTrigger: row.image_update_trigger === null ? null : (JSON.parse(row.image_update_trigger) as ImageUpdateTrigger),
    rootEvent: row.root_event, hop: row.hop, requestKey: row.request_key, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}
