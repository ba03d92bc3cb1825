import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, startCascade, type TestCascade } from '../support/cascade-server';
import { pushImage } from '../support/push-image';
import { startRegistry, type RunningRegistry } from '../support/registry';

// A registry that sends no notifications at all, watched by polling (issue 6 §1, §3).
interface RunJson { task: string; trigger: string; imageUpdateTrigger: { id: string; images: Array<{ digest: string; previousDigest: string | null }> } | null }
interface EventJson { source: string; eventId: string; ref: string; digest: string; status: string }
interface RegistryLine { host: string; watch: string; mode: string; trackedTags: number | null; lastPollAt: string | null; nextPollAt: string | null; lastError: string | null }

const INTERVAL_MS = 1000;
let registry: RunningRegistry;
let cascade: TestCascade;

beforeAll(async () => {
  registry = await startRegistry();
  cascade = await startCascade({
    CASCADE_REGISTRIES: JSON.stringify([{ host: registry.host, insecure: true, watch: 'poll', pollIntervalMs: INTERVAL_MS }]),
  });
});
afterAll(async () => {
  await cascade?.stop();
  await registry?.stop();
});

function context(dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-ctx-'));
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  return dir;
}

async function createTask(name: string, base: string, extra: Record<string, unknown> = {}): Promise<void> {
  const created = await cascade.api('POST', '/api/tasks', { name, images: [`${registry.host}/apps/${name}:1`], context: context(`FROM ${registry.host}/${base}\n`), ...extra });
  expect(created.status).toBe(201);
}

const runsOf = async (task: string) => (await cascade.api<RunJson[]>('GET', `/api/runs?task=${task}`)).body;
const pollEvents = async () => (await cascade.api<EventJson[]>('GET', '/api/events?limit=1000')).body.filter((event) => event.source === 'poll');
const registryLine = async () => (await cascade.api<{ registries: RegistryLine[] }>('GET', '/api/status')).body.registries.find((line) => line.host === registry.host);

describe('polling a registry without notifications', () => {
  it('finds a new digest within one interval and a run is created, once', async () => {
    const first = await pushImage(registry.url, 'base', '1', { marker: 'poll-base-1' });
    await createTask('app', 'base:1');
    await createTask('quiet', 'base:1', { baseImageTrigger: { enabled: false } });

    const pushedAt = Date.now();
    const second = await pushImage(registry.url, 'base', '1', { marker: 'poll-base-2' });
    // One interval (with its 10 % jitter), plus matching.
    const [run] = await eventually(async () => {
      const runs = await runsOf('app');
      return runs.length > 0 ? runs : undefined;
    }, INTERVAL_MS * 1.1 + 1000, 'a run from the poller');
    const detectedMs = Date.now() - pushedAt;
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 2.5));

    expect(detectedMs).toBeLessThan(INTERVAL_MS * 1.1 + 1000);
    expect(run).toMatchObject({ task: 'app', trigger: 'Image Update' });
    expect(run?.imageUpdateTrigger?.images).toEqual([expect.objectContaining({ digest: second.digest, previousDigest: first.digest })]);
    expect(await runsOf('app')).toHaveLength(1);
    expect(await runsOf('quiet')).toEqual([]);
    expect(await pollEvents()).toEqual([expect.objectContaining({ ref: `${registry.host}/base:1`, digest: second.digest, status: 'processed', eventId: run?.imageUpdateTrigger?.id })]);
  });

  it('shows the registry in status: polled, its tracked tags, last and next poll', async () => {
    const line = await registryLine();

    expect(line).toMatchObject({ watch: 'poll', mode: 'poll', trackedTags: 1, lastError: null });
    expect(Date.parse(line?.nextPollAt ?? '')).toBeGreaterThan(Date.parse(line?.lastPollAt ?? ''));
  });

  it('counts its HEAD requests on /metrics', async () => {
    const metrics = await (await fetch(`${cascade.url}/metrics`)).text();

    expect(metrics).toMatch(new RegExp(`cascade_poll_requests_total\\{registry="${registry.host}",outcome="changed"\\} [1-9]`));
    expect(metrics).toMatch(new RegExp(`cascade_poll_events_total\\{registry="${registry.host}"\\} 1`));
  });
});
