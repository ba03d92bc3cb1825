import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBuildahBuilder } from '../src/agent/builders/buildah-builder';
import { createRebuildHandler } from '../src/agent/handle-rebuild';
import { runAgentLoop } from '../src/agent/run-agent';
import { createRunReporter } from '../src/agent/run-reporter';
import { createLogger } from '../src/logger';
import { composeServices } from '../src/main';
import { createHttpConsumer } from '../src/transport/local/create-http-consumer';
import { AGENT_TOKEN } from '../test/support/cascade-server';
import { buildImage } from '../test/support/oci-image';
import { pushImage } from '../test/support/push-image';
import { startNotifiedCascade } from '../test/support/notified-cascade';
import { median, numericArgs, percentile, printRows } from './stats';

interface RunJson { task: string; status: string; createTime: string; lastUpdatedTime: string; rootEvent: string | null }

/**
 * A three-level tree on real parts — docker-registry notifying `cascade serve` (in-process), one
 * in-process agent building with buildah — timed from an upstream push to (a) `org-base` rebuilt
 * and pushed and (b) all three levels done. Baseline: the same agent building `org-base` from a
 * manual run (queue → build → push → report), in the same run.
 */
export async function runChainBench(args: string[]): Promise<void> {
  // --settle-ms: the settle window (CASCADE_SETTLE_MS, default 0 here; `cascade serve` defaults to 10,000).
  const { rounds, 'settle-ms': settleMs } = numericArgs(args, { rounds: 5, 'settle-ms': 0 });
  const work = mkdtempSync(join(tmpdir(), 'cascade-bench-chain-'));
  const { registry, cascade } = await startNotifiedCascade({ CASCADE_SETTLE_MS: String(settleMs) });
  const logger = createLogger('silent');
  const consumer = createHttpConsumer({ server: cascade.url, token: AGENT_TOKEN });
  const builder = createBuildahBuilder({ root: join(work, 'storage'), runroot: join(work, 'run'), insecureRegistries: [registry.host] });
  const handle = createRebuildHandler({ consumer, reporter: createRunReporter({ server: cascade.url, token: AGENT_TOKEN, agent: 'bench' }), builder, registry: composeServices({ CASCADE_REGISTRIES: JSON.stringify([{ host: registry.host, insecure: true }]) }, logger).registry, logger });
  const agent = runAgentLoop({ consumer, handle, logger, pool: null, concurrency: 2, waitMs: 500 });
  try {
    const h = registry.host;
    await pushImage(registry.url, 'upstream/base', '1', { marker: 'bench-u0' });
    await pushImage(registry.url, 'org/base', '1', { marker: 'bench-o0' });
    for (const [name, from, image] of [['org-base', 'upstream/base', 'org/base'], ['app', 'org/base', 'app'], ['app2', 'org/base', 'app2']]) {
      const dir = join(work, name!);
      mkdirSync(dir);
      writeFileSync(join(dir, 'Dockerfile'), `FROM ${h}/${from}:1\nRUN echo ${name} > /${name}\n`);
      await cascade.api('POST', '/api/tasks', { name, images: [`${h}/${image}:1`], context: dir });
    }
    const runs = async () => (await cascade.api<RunJson[]>('GET', '/api/runs?limit=1000')).body;
    const waitFor = async (predicate: (all: RunJson[]) => boolean) => {
      for (;;) {
        const all = await runs();
        if (predicate(all)) return all;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const manual: number[] = [];
    const first: number[] = [];
    const whole: number[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      const before = (await runs()).length;
      const started = Date.now();
      await cascade.api('POST', '/api/tasks/org-base/runs');
      const [done] = await waitFor((all) => all.length > before && all[0]!.status === 'Succeeded');
      manual.push(Date.parse(done!.lastUpdatedTime) - started);
      // The manual rebuild's push starts its own chain (app, app2): let it finish before timing the next wave.
      await waitFor((list) => list.length >= before + 3 && list.every((run) => !['Queued', 'Started', 'Running'].includes(run.status)));
      await new Promise((resolve) => setTimeout(resolve, 500));

      buildImage({ marker: `bench-u${round}` });
      const count = (await runs()).length;
      const pushAt = Date.now();
      await pushImage(registry.url, 'upstream/base', '1', { marker: `bench-u${round}` });
      const all = await waitFor((list) => list.length >= count + 3 && list.slice(0, 3).every((run) => run.status === 'Succeeded'));
      const wave = all.slice(0, 3);
      first.push(Date.parse(wave.find((run) => run.task === 'org-base')!.lastUpdatedTime) - pushAt);
      whole.push(Math.max(...wave.map((run) => Date.parse(run.lastUpdatedTime))) - pushAt);
    }
    printRows([
      { measure: 'manual run of org-base: queue → built, pushed, reported (baseline)', 'median ms': median(manual), 'p95 ms': percentile(manual, 95) },
      { measure: '(a) upstream push → org-base rebuilt and pushed', 'median ms': median(first), 'p95 ms': percentile(first, 95) },
      { measure: '(b) upstream push → all three levels done', 'median ms': median(whole), 'p95 ms': percentile(whole, 95) },
    ]);
    console.log(`chain: ${rounds} rounds, settle window ${settleMs} ms, buildah vfs, one agent with 2 builds at once; target (a) median <= 3000 ms; ratio (a) / manual: ${(median(first) / median(manual)).toFixed(2)}`);
  } finally {
    await agent.stop();
    await cascade.stop();
    await registry.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
