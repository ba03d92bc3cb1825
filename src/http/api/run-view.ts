import type { Run } from '../../core/run';

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
