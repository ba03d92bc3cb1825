import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually, startCascade, type TestCascade } from '../support/cascade-server';
import { pushImage } from '../support/push-image';
import { startRateLimitingFront, type RateLimitingFront } from '../support/rate-limiting-front';
import { startRegistry, type RunningRegistry } from '../support/registry';

// The poller behind a front that rate-limits as Docker Hub does (issue 6 §1, §3).
interface RegistryLine {
  host: string;
  budget: { limit: number | null; remaining: number | null; windowSeconds: number | null; reserve: number; pausedUntil: string | null } | null;
  nextPollAt: string | null;
  lastError: string | null;
}

const INTERVAL_MS = 300;
const TAGS = 6;
let registry: RunningRegistry;
let front: RateLimitingFront;
let cascade: TestCascade;

beforeAll(async () => {
  registry = await startRegistry();
  front = await startRateLimitingFront(registry.url);
  cascade = await startCascade({
    CASCADE_REGISTRIES: JSON.stringify([{ host: registry.host, insecure: true, endpoint: front.url, watch: 'poll', pollIntervalMs: INTERVAL_MS, pollConcurrency: 4 }]),
  });
  for (let i = 0; i < TAGS; i += 1) {
    await pushImage(registry.url, `base${i}`, '1', { marker: `limited-${i}-a` });
    const dir = mkdtempSync(join(tmpdir(), 'cascade-ctx-'));
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${registry.host}/base${i}:1\n`);
    const created = await cascade.api('POST', '/api/tasks', { name: `app${i}`, images: [`${registry.host}/apps/app${i}:1`], context: dir });
    expect(created.status).toBe(201);
  }
});
afterAll(async () => {
  await cascade?.stop();
  await front?.stop();
  await registry?.stop();
});

const since = (from: number) => front.requests.filter((request) => request.at >= from);
const registryLine = async () => (await cascade.api<{ registries: RegistryLine[] }>('GET', '/api/status')).body.registries.find((line) => line.host === registry.host);
const runsOf = async (task: string) => (await cascade.api<unknown[]>('GET', `/api/runs?task=${task}`)).body;

describe('polling behind a rate-limiting front', () => {
  it('backs off on 429, never sooner than Retry-After, then finds the change once the front lets it through', async () => {
    const from = Date.now();
    front.setMode({ kind: 'throttle', retryAfterSeconds: 2 });

    await eventually(async () => (since(from).length >= 3 ? true : undefined), 15_000, 'three throttled requests');
    const throttled = since(from);
    const line = await registryLine();
    front.setMode({ kind: 'pass' });
    await pushImage(registry.url, 'base0', '1', { marker: 'limited-0-b' });
    await eventually(async () => ((await runsOf('app0')).length === 1 ? true : undefined), 15_000, 'the run once unthrottled');

    const gaps = throttled.slice(1).map((request, i) => request.at - throttled[i]!.at);
    expect(throttled.every((request) => request.status === 429)).toBe(true);
    // One probe per pause, each at least Retry-After after the previous (a few ms of clock slack).
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2000 - 20);
    expect(line?.lastError).toMatch(/rate-limited/);
    expect(line?.budget?.pausedUntil).not.toBeNull();
  });

  it('stops before its budget is spent, keeping the reserve, and waits for the window', async () => {
    await sleep(INTERVAL_MS * 2);
    const from = Date.now();
    // The front starts counting at once, while a cycle may be under way that has not yet seen any
    // RateLimit headers (up to a cycle's worth of requests in ignorance); from its first answer
    // with them the poller keeps the reserve. So: a budget of 20, 2 kept in reserve.
    front.setMode({ kind: 'budget', limit: 20, windowSeconds: 60 });

    await sleep(INTERVAL_MS * 15);
    const spent = since(from);
    const line = await registryLine();

    // Never refused, never into the reserve, and then it waits for the window.
    expect(spent.length).toBeGreaterThan(TAGS);
    expect(spent.length).toBeLessThanOrEqual(18);
    expect(spent.every((request) => request.status === 200)).toBe(true);
    expect(line?.budget).toMatchObject({ limit: 20, remaining: 20 - spent.length, windowSeconds: 60, reserve: 2 });
    expect(Date.parse(line?.nextPollAt ?? '')).toBeGreaterThanOrEqual(Date.parse(line?.budget?.pausedUntil ?? ''));
    expect(Date.parse(line?.budget?.pausedUntil ?? '')).toBeGreaterThan(Date.now() + 50_000);
  });
});
