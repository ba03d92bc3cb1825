import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEventProcessor } from '../src/core/event-processor';
import { createLogger } from '../src/logger';
import { createSqliteStore } from '../src/store/sqlite/create-sqlite-store';
import { baseRef, populateIndex } from './support/bench-index';
import { elapsedMs, median, numericArgs, percentile, printRows } from './stats';

/**
 * Matching one event against a large index: find the dependents of the pushed ref, decide, and
 * write their runs and outbox messages in one transaction (as `cascade serve` runs it: no sync per
 * commit, the WAL checkpointed on a timer, timed separately here). Baseline: a bare better-sqlite3
 * transaction inserting the same number of rows of the same size, in the same run.
 */
export async function runMatchBench(args: string[]): Promise<void> {
  const { tasks, edges, dependents, rounds } = numericArgs(args, { tasks: 100_000, edges: 300_000, dependents: 1000, rounds: 9 });
  const dir = mkdtempSync(join(tmpdir(), 'cascade-bench-match-'));
  try {
    const file = join(dir, 'cascade.db');
    const filling = createSqliteStore({ file, synchronous: 'NORMAL' });
    const started = process.hrtime.bigint();
    await populateIndex(filling, { tasks, depsPerTask: Math.round(edges / tasks), refs: 5000, hotDependents: dependents });
    await filling.close();
    console.log(`match: index of ${tasks} tasks and ${tasks * Math.round(edges / tasks)} dependency edges built in ${(elapsedMs(started) / 1000).toFixed(1)} s`);

    // As `cascade serve` runs the matcher: on the derived-work connection (see src/main.ts).
    const store = createSqliteStore({ file, synchronous: 'NORMAL', autoCheckpoint: false });
    const processor = createEventProcessor({ store, registry: { resolveDigest: () => Promise.reject(new Error('unused')), listPlatforms: () => Promise.reject(new Error('unused')) }, logger: createLogger('silent'), onRunsCreated: () => undefined });
    const bare = new Database(join(dir, 'bare.db'));
    bare.pragma('journal_mode = WAL');
    bare.exec('CREATE TABLE t (k TEXT PRIMARY KEY, body TEXT)');
    const insert = bare.prepare('INSERT INTO t VALUES (?, ?)');
    const body = 'x'.repeat(900);

    const matchMs: number[] = [];
    const bareMs: number[] = [];
    const checkpointMs: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const digest = `sha256:${round.toString(16).padStart(64, 'a')}`;
      await store.appendEvents([{ source: 'poll', eventId: `bench-${round}`, ref: baseRef(0), digest, mediaType: null, receivedAt: new Date().toISOString() }], []);
      let t0 = process.hrtime.bigint();
      await processor.processDue();
      matchMs.push(elapsedMs(t0));
      t0 = process.hrtime.bigint();
      bare.transaction(() => {
        for (let i = 0; i < dependents * 2; i += 1) insert.run(`${round}-${i}`, body);
      })();
      bareMs.push(elapsedMs(t0));
      t0 = process.hrtime.bigint();
      await store.checkpoint();
      checkpointMs.push(elapsedMs(t0));
    }
    const runs = (await store.listRuns({ limit: 1_000_000 })).length;
    const memory = process.memoryUsage();
    printRows([
      { measure: `bare insert of ${dependents * 2} rows (baseline)`, 'median ms': median(bareMs).toFixed(1), 'p95 ms': percentile(bareMs, 95).toFixed(1) },
      { measure: `match one event → ${dependents} runs + outbox`, 'median ms': median(matchMs).toFixed(1), 'p95 ms': percentile(matchMs, 95).toFixed(1) },
      { measure: 'WAL checkpoint after it (on a timer in cascade serve)', 'median ms': median(checkpointMs).toFixed(1), 'p95 ms': percentile(checkpointMs, 95).toFixed(1) },
    ]);
    console.log(`runs written: ${runs} (${rounds} rounds x ${dependents}); target: match <= 50 ms; ratio match / bare insert: ${(median(matchMs) / median(bareMs)).toFixed(2)}`);
    console.log(`memory: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`);
    bare.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
