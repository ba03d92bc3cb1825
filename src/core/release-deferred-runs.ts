import type { Store } from '../store/store';
import { buildRebuildMessage } from './rebuild-message';
import type { Run } from './run';

/**
 * A rebuild that did not succeed will push nothing, so the runs of its wave that waited for its
 * push (see `orderWave`) are released now and build on the images there are.
 */
export async function releaseDeferredRuns(store: Pick<Store, 'getTask' | 'releaseDeferredRuns' | 'createRun'>, finished: Run): Promise<Run[]> {
  if (finished.status === 'Succeeded' || finished.rootEvent === null) return [];
  const producer = await store.getTask(finished.taskName);
  if (!producer) return [];
  const waiting = await store.releaseDeferredRuns(finished.rootEvent, producer.images);
  const created: Run[] = [];
  for (const newRun of waiting) {
    const task = await store.getTask(newRun.taskName);
    if (task) created.push(await store.createRun(newRun, (run) => buildRebuildMessage(task, run)));
  }
  return created;
}
