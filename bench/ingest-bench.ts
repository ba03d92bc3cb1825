import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../src/store/sqlite/create-sqlite-store';
import { freePort } from '../test/support/free-port';
import { BENCH_REGISTRY, populateIndex } from './support/bench-index';
import { numericArgs, printRows } from './stats';

const SECRET = 'bench-secret';
const root = join(__dirname, '..', '..');

async function spawnServer(args: string[], env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${port}/webhooks/distribution`, { method: 'POST', body: '{}' }).then(() => true, () => false);
    if (up) return child;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server ${args.join(' ')} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A valid distribution push (of a tracked ref, unless `prefix` names untracked repositories), fresh id and digest. */
function pushEnvelope(refs: number, prefix: string): string {
  const i = Math.floor(Math.random() * refs);
  const digest = `sha256:${randomBytes(32).toString('hex')}`;
  return JSON.stringify({ events: [{
    id: randomBytes(16).toString('hex'), timestamp: new Date().toISOString(), action: 'push',
    target: { mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 525, digest, length: 525, repository: `${prefix}-${i}`, url: `/v2/base-${i}/manifests/${digest}`, tag: '1' },
    request: { id: randomBytes(8).toString('hex'), addr: '127.0.0.1:40000', host: BENCH_REGISTRY, method: 'PUT', useragent: 'bench' },
  }] });
}

async function load(port: number, connections: number, duration: number, bodies: readonly string[]) {
  let next = 0;
  return autocannon({
    url: `http://127.0.0.1:${port}/webhooks/distribution`, connections, duration, method: 'POST',
    headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/vnd.docker.distribution.events.v1+json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
  });
}

/**
 * `POST /webhooks/distribution` under autocannon: Cascade (`cascade serve`, SQLite, an index of
 * `tasks` tasks, every event a new digest of a tracked ref) against a bare Express app answering
 * 202, each in its own process, measured the same way in the same run.
 */
export async function runIngestBench(args: string[]): Promise<void> {
  const { tasks, connections, duration, untracked } = numericArgs(args, { tasks: 10_000, connections: 50, duration: 20, untracked: 0 });
  const refs = 5000;
  const dataDir = mkdtempSync(join(tmpdir(), 'cascade-bench-ingest-'));
  const children: ChildProcess[] = [];
  try {
    const store = createSqliteStore({ file: join(dataDir, 'cascade.db'), synchronous: 'NORMAL' });
    await populateIndex(store, { tasks, depsPerTask: 3, refs, hotDependents: 0 });
    await store.close();

    // Made before the clock starts, so the load generator spends its share of the CPU on sending.
    const bodies = Array.from({ length: Math.max(50_000, duration * 6000) }, () => pushEnvelope(refs, untracked ? 'untracked' : 'base'));
    const barePort = await freePort();
    children.push(await spawnServer([join(__dirname, 'support', 'bare-express-server.js'), String(barePort)], {}, barePort));
    const bare = await load(barePort, connections, duration, bodies);
    children.pop()?.kill('SIGKILL');

    const port = await freePort();
    children.push(await spawnServer([join(root, 'bin', 'cascade.js'), 'serve'], {
      CASCADE_PORT: String(port), CASCADE_DATA_DIR: dataDir, CASCADE_LOG_LEVEL: 'warn', CASCADE_WEBHOOK_SECRET_DISTRIBUTION: SECRET,
      CASCADE_ADMIN_TOKEN: 'bench', CASCADE_AGENT_TOKEN: 'bench', CASCADE_REGISTRIES: '[]', CASCADE_SETTLE_MS: '0',
    }, port));
    const cascade = await load(port, connections, duration, bodies);
    const status = await fetch(`http://127.0.0.1:${port}/api/status`, { headers: { authorization: 'Bearer bench' } }).then((r) => r.json()) as { outbox: unknown; queue: unknown };

    const row = (measure: string, r: autocannon.Result) => ({
      measure, 'req/s': Math.round(r.requests.average), 'p99 ms': r.latency.p99, 'p99.9 ms': r.latency.p99_9, 'max ms': r.latency.max, non2xx: r.non2xx, errors: r.errors,
    });
    console.log(`ingest: ${connections} connections x ${duration} s; index of ${tasks} tasks over ${refs} refs; ${untracked ? 'events for refs no task tracks (ingest alone)' : 'every event a new digest of a tracked ref'} (${bodies.length} distinct events, then repeats)`);
    printRows([row('bare Express answering 202 (baseline)', bare), row('cascade serve /webhooks/distribution', cascade)]);
    console.log(`ratio cascade / bare (req/s): ${(cascade.requests.average / bare.requests.average).toFixed(2)} (target >= 0.5); cascade p99 ${cascade.latency.p99} ms (target <= 25 ms)`);
    console.log(`after the run: ${JSON.stringify(status)}`);
  } finally {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
