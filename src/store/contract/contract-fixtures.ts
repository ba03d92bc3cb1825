import { afterEach, beforeEach } from '@jest/globals';
import type { ImagePushed } from '../../core/image-pushed';
import type { Run } from '../../core/run';
import type { Task, TrackedDependency } from '../../core/task';
import { isCascadeError } from '../../errors';
import type { LocalQueueStore } from '../local-queue-store';
import type { NewRun, OutboxMessage, Store } from '../store';

export type ContractStore = Store & LocalQueueStore;
export type OpenStore = () => Promise<ContractStore>;

/** A fresh store for every test, closed after it. */
export function useStore(open: OpenStore): () => ContractStore {
  let store: ContractStore | null = null;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store?.close();
    store = null;
  });
  return () => {
    if (store === null) throw new Error('the store is only open inside a test');
    return store;
  };
}

/** The caller's clock: every time-dependent method takes `now`, so tests choose it. */
export const T0 = new Date('2026-03-01T12:00:00.000Z');

export function at(ms: number): Date {
  return new Date(T0.getTime() + ms);
}

/** The error code a promise rejects with, or `undefined` when it resolves. */
export async function rejectionCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return isCascadeError(error) ? error.code : `not a CascadeError: ${String(error)}`;
  }
}

export function aDependency(ref: string, overrides: Partial<TrackedDependency> = {}): TrackedDependency {
  const [registry = '', ...rest] = ref.split('/');
  const [repository = '', tag = ''] = rest.join('/').split(':');
  return { type: 'RunTime', ref, registry, repository, tag, digest: `sha256:${'a'.repeat(64)}`, platform: null, ...overrides };
}

export function aTask(name: string, refs: readonly string[] = [], overrides: Partial<Task> = {}): Task {
  return {
    id: `task-${name}`, name, images: [`registry.example/${name}:latest`], context: `https://git.example/${name}.git#main`,
    dockerfile: 'Dockerfile', buildArgs: {}, target: null, platform: 'linux/amd64', agentPool: null,
    baseImageTrigger: { name: 'defaultBaseimageTriggerName', enabled: true, type: 'Runtime' }, updateTriggerEndpoint: null,
    updateTriggerPayloadType: 'Default', updateTriggerToken: `token-${name}`,
    timeoutSeconds: 3600, dependencies: refs.map((ref) => aDependency(ref)), warnings: [],
    createdAt: '2026-02-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z', ...overrides,
  };
}

export function aPush(eventId: string, ref = 'docker.io/library/node:20', overrides: Partial<ImagePushed> = {}): ImagePushed {
  return {
    source: 'distribution', eventId, ref, digest: `sha256:${'b'.repeat(64)}`,
    mediaType: 'application/vnd.oci.image.index.v1+json', receivedAt: T0.toISOString(), ...overrides,
  };
}

export function aNewRun(task: Task, requestKey: string, overrides: Partial<NewRun> = {}): NewRun {
  return {
    taskId: task.id, taskName: task.name, trigger: 'Image Update', rootEvent: `distribution:${requestKey}`, hop: 1, requestKey,
    imageUpdateTrigger: {
      id: 'e1', timestamp: T0.toISOString(),
      images: [{ registry: 'docker.io', repository: 'library/node', tag: '20', digest: `sha256:${'b'.repeat(64)}`, previousDigest: null }],
    },
    ...overrides,
  };
}

/** Shaped like the real rebuild message: keyed by the request key, one session per task. */
export function toMessage(run: Run): OutboxMessage {
  return {
    messageId: run.requestKey, sessionId: run.taskId, subject: 'dev.cascade.rebuild.requested.v1',
    body: JSON.stringify({ runId: run.id }), properties: { task: run.taskName, trigger: run.trigger },
  };
}

/** A task with `count` manual runs, each with its outbox message, created in order. */
export async function seedRuns(store: Store, count: number, name = 'web'): Promise<Run[]> {
  const task = aTask(name);
  await store.createTask(task);
  const runs: Run[] = [];
  for (let i = 1; i <= count; i += 1) runs.push(await store.createRun(aNewRun(task, `${name}-key-${i}`, { trigger: 'Manual' }), toMessage));
  return runs;
}

export type NewQueuedMessage = Parameters<LocalQueueStore['enqueue']>[0][number];

export function aMessage(messageId: string, overrides: Partial<NewQueuedMessage> = {}): NewQueuedMessage {
  return { messageId, sessionId: `session-${messageId}`, subject: 'dev.cascade.rebuild.requested.v1', body: `{"id":"${messageId}"}`, properties: { task: 'web' }, ...overrides };
}

/** Receive defaults: Service Bus' 10 deliveries, a 30-second lock. */
export const LOCK_MS = 30_000;

export function receiveOptions(overrides: Partial<Parameters<LocalQueueStore['receive']>[0]> = {}): Parameters<LocalQueueStore['receive']>[0] {
  return { pool: null, max: 10, lockMs: LOCK_MS, maxDeliveries: 10, now: T0, ...overrides };
}
