import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry as MetricsRegistry } from 'prom-client';
import type { Task } from '../src/core/task';
import { createLogger } from '../src/logger';
import { composeServices } from '../src/main';
import { createPollerMetrics } from '../src/poller';
import { createRegistryWatcher } from '../src/poller/registry-watcher';
import { MANIFEST_ACCEPT } from '../src/registry/media-types';
import { createSqliteStore, type SqliteStore } from '../src/store/sqlite/create-sqlite-store';
import { buildImage } from '../test/support/oci-image';
import { pushImage } from '../test/support/push-image';
import { createRegistryFetch } from '../test/support/registry-fetch';
import { startRegistry, type RunningRegistry } from '../test/support/registry';
import { elapsedMs, median, numericArgs, printRows } from './stats';

/** Runs `one(i)` for i < total, `inFlight` at a time. */
async function inParallel(total: number, inFlight: number, one: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < total) await one(next++);
  }));
}

/** `tags` tags over `repos` repositories: one image per repository, its manifest PUT under every tag. */
async function pushTags(registry: RunningRegistry, prefix: string, tags: number, repos: number): Promise<Array<{ repo: string; tag: string; digest: string }>> {
  const put = createRegistryFetch(registry.url);
  const images = await Promise.all(Array.from({ length: repos }, async (_, r) => {
    const repo = `${prefix}/base${r}`;
    const marker = `${prefix}-${r}`;
    const pushed = await pushImage(registry.url, repo, 't0', { marker });
    return { repo, image: buildImage({ marker }), digest: pushed.digest };
  }));
  const refs = Array.from({ length: tags }, (_, i) => ({ repo: images[i % repos]!.repo, tag: `t${i}`, digest: images[i % repos]!.digest }));
  await inParallel(tags, 16, async (i) => {
    const { repo, tag } = refs[i]!;
    const { image } = images[i % repos]!;
    const response = await put(`/v2/${repo}/manifests/${tag}`, { method: 'PUT', body: image.bytes, headers: { 'Content-Type': image.mediaType } });
    if (response.status !== 201) throw new Error(`PUT ${repo}:${tag} answered ${response.status}`);
  });
  return refs;
}

/** One task per tag, its trigger enabled, the current digest recorded. */
async function trackAll(store: SqliteStore, host: string, refs: ReadonlyArray<{ repo: string; tag: string; digest: string }>): Promise<void> {
  const at = new Date().toISOString();
  for (const [i, { repo, tag, digest }] of refs.entries()) {
    const task: Task = {
      id: `poll-bench-${i}`, name: `poll-bench-${i}`, images: [`${host}/apps/app${i}:1`], context: '/srv/ctx', dockerfile: 'Dockerfile',
      buildArgs: {}, target: null, platform: 'linux/amd64', agentPool: null, updateTriggerEndpoint: null, updateTriggerPayloadType: 'Default',
      updateTriggerToken: 'token', timeoutSeconds: 3600, baseImageTrigger: { name: 'defaultBaseimageTriggerName', enabled: true, type: 'Runtime' },
      dependencies: [{ type: 'RunTime', ref: `${host}/${repo}:${tag}`, registry: host, repository: repo, tag, digest, platform: null }],
      warnings: [], createdAt: at, updatedAt: at,
    };
    await store.createTask(task);
  }
}

function watcherFor(store: SqliteStore, host: string, intervalMs: number, concurrency: number, onEventsStored: () => void) {
  const env = { CASCADE_REGISTRIES: JSON.stringify([{ host, insecure: true, watch: 'poll' }]), CASCADE_LOG_LEVEL: 'silent' };
  const { registry } = composeServices(env, createLogger('silent'));
  return createRegistryWatcher({
    host, watch: 'poll', mode: 'poll', intervalMs, concurrency, store, registry,
    metrics: createPollerMetrics(new MetricsRegistry()), logger: createLogger('silent'), onEventsStored,
  });
}

/**
 * One poll cycle over `tags` tracked tags (registry client, budget, poll state, matching of
 * digests) against a bare `fetch` HEAD loop over the same tags with the same concurrency, on
 * Debian's docker-registry on 127.0.0.1, rounds interleaved; then the detection latency of a
 * push by polling a smaller set every second.
 */
export async function runPollBench(args: string[]): Promise<void> {
  const { tags, inFlight, rounds, repos, changes, latencyTags } = numericArgs(args, { tags: 10_000, inFlight: 8, rounds: 5, repos: 20, changes: 15, latencyTags: 100 });
  const registry = await startRegistry();
  const dir = mkdtempSync(join(tmpdir(), 'cascade-poll-bench-'));
  try {
    const refs = await pushTags(registry, 'cycle', tags, repos);
    const store = createSqliteStore({ file: join(dir, 'cycle.db') });
    await trackAll(store, registry.host, refs);
    const watcher = watcherFor(store, registry.host, 3_600_000, inFlight, () => undefined);
    const bare = async (i: number) => {
      const { repo, tag } = refs[i]!;
      const response = await fetch(`${registry.url}/v2/${repo}/manifests/${tag}`, { method: 'HEAD', headers: { accept: MANIFEST_ACCEPT } });
      if (!response.headers.get('docker-content-digest')) throw new Error(`HEAD answered ${response.status}`);
    };
    // Warm-up: the first cycle records every tag's state (first sight).
    await watcher.runCycle();
    await inParallel(tags, inFlight, bare);

    const bareMs: number[] = [];
    const cycleMs: number[] = [];
    const timeBare = async () => {
      const started = process.hrtime.bigint();
      await inParallel(tags, inFlight, bare);
      bareMs.push(elapsedMs(started));
    };
    const timeCycle = async () => {
      const started = process.hrtime.bigint();
      const cycle = await watcher.runCycle();
      cycleMs.push(elapsedMs(started));
      if (cycle.polled !== tags || cycle.events !== 0) throw new Error(`cycle polled ${cycle.polled} tags with ${cycle.events} events`);
    };
    // Alternating which goes first, so a load that drifts during a round favours neither.
    for (let round = 0; round < rounds; round += 1) {
      for (const run of round % 2 === 0 ? [timeBare, timeCycle] : [timeCycle, timeBare]) await run();
    }
    await store.close();
    const bareCycle = median(bareMs);
    const pollCycle = median(cycleMs);
    console.log(`poll: ${tags} tracked tags over ${repos} repositories, ${inFlight} HEADs in flight, ${rounds} rounds, docker-registry ${registry.host}`);
    printRows([
      { measure: 'bare fetch HEAD loop (baseline)', 'cycle ms': Math.round(bareCycle), 'HEADs/s': Math.round(tags / (bareCycle / 1000)) },
      { measure: 'poller cycle', 'cycle ms': Math.round(pollCycle), 'HEADs/s': Math.round(tags / (pollCycle / 1000)) },
    ]);
    console.log(`per round, bare / poller cycle ms: ${bareMs.map((b, i) => `${Math.round(b)}/${Math.round(cycleMs[i]!)}`).join(', ')}`);
    console.log(`ratio poller / bare fetch (HEADs/s): ${(bareCycle / pollCycle).toFixed(2)} (target >= 0.8)`);

    await measureLatency(registry, dir, latencyTags, changes);
  } finally {
    await registry.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Pushes `changes` new digests, one at a time at a random moment, with a poller every 1 s. */
async function measureLatency(registry: RunningRegistry, dir: string, latencyTags: number, changes: number): Promise<void> {
  const refs = await pushTags(registry, 'latency', latencyTags, 1);
  const store = createSqliteStore({ file: join(dir, 'latency.db') });
  await trackAll(store, registry.host, refs);
  let detected: (() => void) | null = null;
  const watcher = watcherFor(store, registry.host, 1000, 8, () => detected?.());
  watcher.start();
  // The poller's timers never keep a process alive (the server stops it): this run must stay.
  const keepAlive = setInterval(() => undefined, 1000);
  const latencies: number[] = [];
  try {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (let change = 0; change < changes; change += 1) {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000));
      const stored = new Promise<void>((resolve) => { detected = resolve; });
      const { repo, tag } = refs[(change * 37) % refs.length]!;
      await pushImage(registry.url, repo, tag, { marker: `latency-change-${change}` });
      const pushedAt = process.hrtime.bigint();
      await stored;
      latencies.push(elapsedMs(pushedAt));
    }
  } finally {
    clearInterval(keepAlive);
    await watcher.stop();
    await store.close();
  }
  console.log(`detection latency, 1 s interval, ${latencyTags} tracked tags, ${changes} changes: median ${Math.round(median(latencies))} ms, max ${Math.round(Math.max(...latencies))} ms`);
}
