import type { NewRun } from '../store/store';
import type { MatchResult } from './match-dependents';

/**
 * A wave's runs deferred until a rebuild pushed (see `orderWave`) normally run as the next hop when
 * that push arrives. When the push does not trigger them — the digest is the one they recorded, the
 * dependency is build-time under a Runtime trigger, or the index's children for their platforms did
 * not change — they would wait for ever; they run now instead, once (one run per task and root
 * event). A task whose trigger was disabled meanwhile, or a chain at its hop limit, stays quiet.
 */
export function waitingRunsToRelease(waiting: readonly NewRun[], result: MatchResult): NewRun[] {
  const triggered = new Set([...result.runs, ...result.deferred.map(({ run }) => run)].map((run) => run.taskId));
  const held = new Set(result.notTriggered.filter(({ reason }) => reason === 'trigger-disabled' || reason === 'hop-limit').map(({ task }) => task));
  return waiting.filter((run) => !triggered.has(run.taskId) && !held.has(run.taskName));
}
