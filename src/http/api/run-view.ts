import type { Run } from '../../core/run';
import type { RunOutcome } from '../../store/store';

/** A run as `az acr task show-run` shapes it, plus the chain it belongs to. */
export function runView(run: Run) {
  return {
    runId: run.id,
    task: run.taskName,
    status: run.status,
    trigger: run.trigger,
    createTime: run.createdAt,
    lastUpdatedTime: run.updatedAt,
    imageUpdateTrigger: run.imageUpdateTrigger,
    rootEvent: run.rootEvent,
    hop: run.hop,
  };
}

/** A run's outcome as `show-run` adds it: who built it, when, what it pushed, why it failed. */
export function outcomeView(outcome: RunOutcome | null) {
  if (outcome === null) return {};
  return {
    agent: outcome.agent,
    startTime: outcome.startedAt,
    finishTime: outcome.finishedAt,
    reason: outcome.reason,
    outputImages: outcome.outputImages,
    dependenciesUsed: outcome.dependencies,
    logTail: outcome.logTail,
  };
}
