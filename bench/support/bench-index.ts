import type { Task, TrackedDependency } from '../../src/core/task';
import type { Store } from '../../src/store/store';

export const BENCH_REGISTRY = 'bench.local:5000';
export const OLD_DIGEST = `sha256:${'0'.repeat(64)}`;

/** `registry/base-<i>:1`: the refs the generated tasks depend on. */
export const baseRef = (i: number) => `${BENCH_REGISTRY}/base-${i}:1`;

function dependency(i: number, type: TrackedDependency['type']): TrackedDependency {
  return { type, ref: baseRef(i), registry: BENCH_REGISTRY, repository: `base-${i}`, tag: '1', digest: OLD_DIGEST, platform: null };
}

/**
 * Fills a store with `tasks` tasks of `depsPerTask` dependencies each, drawn so that the ref
 * `baseRef(0)` has exactly `hotDependents` dependents and the rest spread over `refs` refs.
 */
export async function populateIndex(store: Store, options: { tasks: number; depsPerTask: number; refs: number; hotDependents: number }): Promise<void> {
  const at = new Date().toISOString();
  for (let t = 0; t < options.tasks; t += 1) {
    const deps: TrackedDependency[] = [];
    const first = t < options.hotDependents ? 0 : 1 + (t % (options.refs - 1));
    deps.push(dependency(first, 'RunTime'));
    for (let d = 1; d < options.depsPerTask; d += 1) deps.push(dependency(1 + ((t * 7 + d * 13) % (options.refs - 1)), 'BuildTime'));
    const task: Task = {
      id: `bench-task-${t}`, name: `task-${t}`, images: [`${BENCH_REGISTRY}/apps/task-${t}:1`], context: '/srv/ctx', dockerfile: 'Dockerfile',
      buildArgs: {}, target: null, platform: 'linux/amd64', agentPool: null, updateTriggerEndpoint: null, updateTriggerPayloadType: 'Default', updateTriggerToken: 'token', timeoutSeconds: 3600,
      baseImageTrigger: { name: 'defaultBaseimageTriggerName', enabled: true, type: 'All' },
      dependencies: deps, warnings: [], createdAt: at, updatedAt: at,
    };
    await store.createTask(task);
  }
}
