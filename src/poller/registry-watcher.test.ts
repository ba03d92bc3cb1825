import { Registry } from 'prom-client';
import { CascadeError } from '../errors';
import { formatImageRef, type ImageRef } from '../image-ref';
import { createLogger } from '../logger';
import type { RateLimit, ResolvedDigest } from '../registry';
import { aDependency, aPush, aTask } from '../store/contract/contract-fixtures';
import { createSqliteStore, type SqliteStore } from '../store/sqlite/create-sqlite-store';
import { createPollerMetrics } from './poller-metrics';
import { createRegistryWatcher } from './registry-watcher';

const HOST = 'registry.example';
const digest = (n: number) => `sha256:${String(n).padStart(64, '0')}`;
const ref = (i: number) => `${HOST}/base-${i}:1`;

/** The registry port as the OCI adapter behaves: a digest per tag, RateLimit headers, 429 as a retryable error. */
function fakeRegistry() {
  const tags = new Map<string, string>();
  const calls: string[] = [];
  let rateLimit: ((call: number) => RateLimit | undefined) = () => undefined;
  let failure: ((call: number) => Error | null) = () => null;
  return {
    tags, calls,
    limitWith: (fn: typeof rateLimit) => { rateLimit = fn; },
    failWith: (fn: typeof failure) => { failure = fn; },
    async resolveDigest(image: ImageRef): Promise<ResolvedDigest> {
      const text = formatImageRef(image);
      calls.push(text);
      const error = failure(calls.length);
      if (error) throw error;
      const found = tags.get(text);
      if (!found) throw new CascadeError('REGISTRY_MANIFEST_NOT_FOUND', `no manifest for ${text}`);
      const limit = rateLimit(calls.length);
      return { digest: found, mediaType: 'application/vnd.oci.image.manifest.v1+json', ...(limit ? { rateLimit: limit } : {}) };
    },
  };
}

let store: SqliteStore;
let registry: ReturnType<typeof fakeRegistry>;
let clock: number;
let wakes: number;
let metrics: Registry;
let pollerMetrics: ReturnType<typeof createPollerMetrics>;

beforeEach(async () => {
  store = createSqliteStore({ file: ':memory:' });
  registry = fakeRegistry();
  clock = Date.parse('2026-03-01T12:00:00Z');
  wakes = 0;
  metrics = new Registry();
  pollerMetrics = createPollerMetrics(metrics);
  for (let i = 0; i < 4; i += 1) {
    registry.tags.set(ref(i), digest(1));
    await store.createTask(aTask(`t${i}`, [], { dependencies: [aDependency(ref(i), { digest: digest(1) })] }));
  }
});
afterEach(() => store.close());

function watcher(mode: 'poll' | 'reconcile' = 'poll', inbox: SqliteStore = store) {
  return createRegistryWatcher({
    host: HOST, watch: mode === 'poll' ? 'poll' : 'webhook', mode, intervalMs: 60_000, concurrency: 2, store: inbox, registry,
    metrics: pollerMetrics, logger: createLogger('silent'), onEventsStored: () => { wakes += 1; },
    now: () => clock, random: () => 0.5,
  });
}

const pollEvents = async () => (await store.recentEvents(100)).filter((event) => event.source === 'poll');

describe('a poll-mode registry watcher', () => {
  it('reports a changed digest once, as a poll event with the previous one replaced, and wakes the matcher', async () => {
    const poller = watcher();
    await poller.runCycle();
    registry.tags.set(ref(2), digest(2));

    const second = await poller.runCycle();
    const third = await poller.runCycle();

    expect([second.events, third.events]).toEqual([1, 0]);
    expect(await pollEvents()).toMatchObject([{ ref: ref(2), digest: digest(2), status: 'pending' }]);
    expect(wakes).toBe(1);
    expect(registry.calls).toHaveLength(12);
  });

  it('reports a tag already behind a task\'s recorded digest at first sight', async () => {
    registry.tags.set(ref(0), digest(7));

    const first = await watcher().runCycle();

    expect(first.events).toBe(1);
    expect(await pollEvents()).toMatchObject([{ ref: ref(0), digest: digest(7) }]);
  });

  it('watches only tags of tasks whose trigger is enabled', async () => {
    await store.deleteTask('t3');
    await store.createTask(aTask('off', [ref(3)], { baseImageTrigger: { name: 'x', enabled: false, type: 'All' } }));

    const cycle = await watcher().runCycle();

    expect(cycle.polled).toBe(3);
    expect(registry.calls).not.toContain(ref(3));
  });

  it('stops at the budget\'s reserve, pauses for the window, then probes before spending again', async () => {
    registry.limitWith((call) => ({ limit: 20, remaining: 20 - call, windowSeconds: 600, retryAfterSeconds: null }));
    for (let i = 4; i < 30; i += 1) {
      registry.tags.set(ref(i), digest(1));
      await store.createTask(aTask(`t${i}`, [ref(i)]));
    }
    const poller = watcher();
    const sorted = Array.from({ length: 30 }, (_, i) => ref(i)).sort();

    const first = await poller.runCycle();
    const spent = registry.calls.length;
    const status = poller.status();
    clock += 600_000;
    const resumed = await poller.runCycle();

    expect(first).toMatchObject({ completed: false, polled: 18 });
    expect(spent).toBe(20 - 2);
    expect(status.budget).toMatchObject({ limit: 20, remaining: 2, reserve: 2, pausedUntil: new Date(clock).toISOString() });
    expect(status.nextPollAt).toBe(new Date(clock).toISOString());
    expect(resumed.polled).toBeGreaterThan(0);
    expect(registry.calls[spent]).toBe(sorted[18]);
  });

  it('backs off on 429, honouring Retry-After, and resumes from the tag that failed', async () => {
    const rateLimit = { limit: null, remaining: 0, windowSeconds: null, retryAfterSeconds: 30 };
    registry.failWith((call) => (call === 2 ? new CascadeError('REGISTRY_RATE_LIMITED', 'slow down', { retryable: true, details: { rateLimit } }) : null));
    const poller = watcher();

    const cut = await poller.runCycle();
    const paused = poller.status();
    clock += 30_000;
    const resumed = await poller.runCycle();

    expect(cut.completed).toBe(false);
    expect(paused.nextPollAt).toBe(new Date(clock).toISOString());
    expect(paused.lastError).toMatch(/slow down/);
    expect(resumed.completed).toBe(true);
    expect(poller.status().lastError).toBeNull();
    expect(registry.calls[cut.polled]).toBe(registry.calls[1]);
    expect(await metrics.getSingleMetricAsString('cascade_poll_requests_total')).toMatch(/registry="registry.example",outcome="rate_limited"} 1/);
  });

  it('fails a cycle whose event the inbox did not take, and reports the change the next time', async () => {
    registry.tags.set(ref(0), digest(7));
    const failing = { ...store, appendEvents: async () => Promise.reject(new Error('disk full')) };

    const failed = await watcher('poll', failing).runCycle().catch((error: Error) => error.message);
    const retried = await watcher().runCycle();

    expect(failed).toBe('disk full');
    expect(retried.events).toBe(1);
  });

  it('goes on past a tag that is gone, recording the error', async () => {
    registry.tags.delete(ref(1));

    const cycle = await watcher().runCycle();

    expect(cycle).toMatchObject({ completed: true, polled: 4 });
  });
});

describe('a webhook registry\'s reconciliation', () => {
  it('counts a push no event reported as a missed notification, once', async () => {
    const reconciler = watcher('reconcile');
    await reconciler.runCycle();
    registry.tags.set(ref(1), digest(5));

    await reconciler.runCycle();
    await reconciler.runCycle();

    expect(await pollEvents()).toMatchObject([{ ref: ref(1), digest: digest(5), eventId: expect.stringMatching(/^reconcile:/) }]);
    expect(reconciler.status().missedNotifications).toBe(1);
    expect(await metrics.getSingleMetricAsString('cascade_missed_notifications_total')).toMatch(/registry="registry.example"} 1/);
  });

  it('keeps the count across a restart: it is read from the inbox', async () => {
    const before = watcher('reconcile');
    await before.runCycle();
    registry.tags.set(ref(1), digest(5));
    await before.runCycle();

    const after = watcher('reconcile');
    after.start();
    await after.stop();
    const idle = after.status().missedNotifications;
    registry.tags.set(ref(2), digest(6));
    await after.runCycle();

    expect(idle).toBe(1);
    expect(after.status().missedNotifications).toBe(2);
  });

  it('does not count a push a webhook reported', async () => {
    const reconciler = watcher('reconcile');
    await reconciler.runCycle();
    registry.tags.set(ref(1), digest(5));
    await store.appendEvents([aPush('hook-1', ref(1), { digest: digest(5) })], []);

    await reconciler.runCycle();

    expect(await pollEvents()).toEqual([]);
    expect(reconciler.status().missedNotifications).toBe(0);
  });
});
