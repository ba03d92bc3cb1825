import type { Database } from 'better-sqlite3';
import type { Run } from '../../core/run';
import { CascadeError } from '../../errors';
import type { NewRun, RunOutcome, RunReport, Store } from '../store';
import { rowToRun, runSeq, type RunRow } from './run-rows';

export type RunOutcomeMethods = Pick<Store, 'startRun' | 'finishRun' | 'getRunOutcome' | 'getRunLog' | 'findRunByOutput' | 'activeRunProducing' | 'releaseDeferredRuns' | 'deferredRunsWaitingOn'>;

interface OutcomeRow extends RunRow {
  readonly agent: string | null;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly outcome: string | null;
}

const FINAL = new Set(['Succeeded', 'Failed', 'Error', 'Timeout', 'Canceled']);

export function createSqliteRunOutcomes(db: Database): RunOutcomeMethods {
  const selectRun = db.prepare<[number], OutcomeRow>('SELECT * FROM runs WHERE seq = ?');
  const markStarted = db.prepare<[string, string, string, number]>("UPDATE runs SET status = 'Started', agent = ?, started_at = ?, updated_at = ? WHERE seq = ?");
  const markFinished = db.prepare<[string, string, string, string, number]>('UPDATE runs SET status = ?, finished_at = ?, updated_at = ?, outcome = ? WHERE seq = ?');
  const upsertLog = db.prepare<[number, string]>('INSERT INTO run_logs (run_seq, log) VALUES (?, ?) ON CONFLICT (run_seq) DO UPDATE SET log = excluded.log');
  const insertOutput = db.prepare<[string, string, number]>('INSERT OR IGNORE INTO run_outputs (ref, digest, run_seq) VALUES (?, ?, ?)');
  const selectByOutput = db.prepare<[string, string], OutcomeRow>(
    'SELECT runs.* FROM run_outputs JOIN runs ON runs.seq = run_outputs.run_seq WHERE run_outputs.ref = ? AND run_outputs.digest = ? ORDER BY runs.seq DESC LIMIT 1',
  );
  const selectActiveProducer = db.prepare<[string], OutcomeRow>(
    "SELECT runs.* FROM task_images JOIN runs ON runs.task_seq = task_images.task_seq WHERE task_images.ref = ? AND runs.status IN ('Started', 'Running') ORDER BY runs.seq DESC LIMIT 1",
  );
  const selectDeferred = db.prepare<[string, string], { run: string }>('SELECT run FROM deferred_runs WHERE root_event = ? AND waiting_on = ?');
  const deleteDeferred = db.prepare<[string, string]>('DELETE FROM deferred_runs WHERE root_event = ? AND waiting_on = ?');
  const release = db.transaction((rootEvent: string, refs: readonly string[]): NewRun[] => refs.flatMap((ref) => {
    const rows = selectDeferred.all(rootEvent, ref);
    deleteDeferred.run(rootEvent, ref);
    return rows.map((row) => JSON.parse(row.run) as NewRun);
  }));
  const selectLog = db.prepare<[number], string>('SELECT log FROM run_logs WHERE run_seq = ?').pluck();
  const updateTaskDependencies = db.prepare<[string, string, number]>('UPDATE tasks SET dependencies = ?, updated_at = ? WHERE seq = ?');
  const deleteDependencies = db.prepare<[number]>('DELETE FROM task_dependencies WHERE task_seq = ?');
  const insertDependency = db.prepare<[string, number, number]>('INSERT INTO task_dependencies (ref, task_seq, position) VALUES (?, ?, ?)');

  const load = (id: string): OutcomeRow => {
    const seq = runSeq(id);
    const row = seq === null ? undefined : selectRun.get(seq);
    if (row === undefined) throw new CascadeError('RUN_NOT_FOUND', `run ${id} does not exist`);
    return row;
  };

  const start = db.transaction((id: string, agent: string, now: Date): Run => {
    const row = load(id);
    if (FINAL.has(row.status)) throw new CascadeError('RUN_FINISHED', `run ${id} already ended (${row.status})`);
    const at = now.toISOString();
    markStarted.run(agent, at, at, row.seq);
    return rowToRun(selectRun.get(row.seq)!);
  });

  const finish = db.transaction((id: string, report: RunReport, now: Date): Run => {
    const row = load(id);
    if (row.status === report.status) return rowToRun(row);
    if (FINAL.has(row.status)) throw new CascadeError('RUN_FINISHED', `run ${id} already ended (${row.status})`);
    const at = now.toISOString();
    const outcome = { reason: report.reason, outputImages: report.outputImages, dependencies: report.dependencies, logTail: report.logTail };
    markFinished.run(report.status, at, at, JSON.stringify(outcome), row.seq);
    upsertLog.run(row.seq, report.log);
    for (const image of report.outputImages) insertOutput.run(image.ref, image.digest, row.seq);
    if (report.status === 'Succeeded' && report.dependencies !== null) {
      // What the build really used replaces what registration discovered (DESIGN.md §1).
      updateTaskDependencies.run(JSON.stringify(report.dependencies), at, row.task_seq);
      deleteDependencies.run(row.task_seq);
      report.dependencies.forEach((dependency, position) => insertDependency.run(dependency.ref, row.task_seq, position));
    }
    return rowToRun(selectRun.get(row.seq)!);
  });

  return {
    startRun: async (id, agent, now) => start.immediate(id, agent, now),
    finishRun: async (id, report, now) => finish.immediate(id, report, now),
    getRunOutcome: async (id): Promise<RunOutcome | null> => {
      const seq = runSeq(id);
      const row = seq === null ? undefined : selectRun.get(seq);
      if (row === undefined) return null;
      const outcome = row.outcome === null ? null : (JSON.parse(row.outcome) as Omit<RunOutcome, 'agent' | 'startedAt' | 'finishedAt'>);
      return {
        agent: row.agent, startedAt: row.started_at, finishedAt: row.finished_at,
        reason: outcome?.reason ?? null, outputImages: outcome?.outputImages ?? [], dependencies: outcome?.dependencies ?? null, logTail: outcome?.logTail ?? '',
      };
    },
    releaseDeferredRuns: async (rootEvent, refs) => release.immediate(rootEvent, refs),
    deferredRunsWaitingOn: async (rootEvent, ref) => selectDeferred.all(rootEvent, ref).map((row) => JSON.parse(row.run) as NewRun),
    findRunByOutput: async (ref, digest) => {
      const row = selectByOutput.get(ref, digest);
      return row === undefined ? null : rowToRun(row);
    },
    activeRunProducing: async (ref) => {
      const row = selectActiveProducer.get(ref);
      return row === undefined ? null : rowToRun(row);
    },
    getRunLog: async (id) => {
      const seq = runSeq(id);
      return seq === null ? null : (selectLog.get(seq) ?? null);
    },
  };
}
