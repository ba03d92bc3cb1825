import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCascade, WEBHOOK_SECRET } from '../test/support/cascade-server';
import { freePort } from '../test/support/free-port';
import { buildImage } from '../test/support/oci-image';
import { pushImage } from '../test/support/push-image';
import { startRegistry } from '../test/support/registry';
import { median, numericArgs, percentile, printRows } from './stats';

/** A notification endpoint that records when each tagged manifest push arrived. */
async function startArrivalSink(port: number) {
  const arrivals = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = Date.now();
      const events = (JSON.parse(Buffer.concat(chunks).toString()) as { events: Array<{ action: string; target: { digest: string; tag?: string } }> }).events;
      for (const event of events) if (event.action === 'push' && event.target.tag) arrivals.set(event.target.digest, at);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { arrivals, stop: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Registry push → run queued, on Debian's docker-registry notifying Cascade; baseline: the same
 * push → the notification reaching a bare endpoint. Times run from the start of the push (blob
 * and manifest uploads included, the same in both): the registry notifies before the client's
 * last request returns, so the end of the push is no usable origin.
 */
export async function runLatencyBench(args: string[]): Promise<void> {
  const { pushes } = numericArgs(args, { pushes: 20 });
  const [cascadePort, sinkPort] = [await freePort(), await freePort()];
  const sink = await startArrivalSink(sinkPort);
  const baseRegistry = await startRegistry({ notifications: { url: `http://127.0.0.1:${sinkPort}/events` } });
  const registry = await startRegistry({ notifications: { url: `http://127.0.0.1:${cascadePort}/webhooks/distribution`, headers: { Authorization: [`Bearer ${WEBHOOK_SECRET}`] } } });
  const cascade = await startCascade({ CASCADE_PORT: String(cascadePort), CASCADE_REGISTRIES: JSON.stringify([{ host: registry.host, insecure: true }]) });
  try {
    await pushImage(registry.url, 'base', '1', { marker: 'latency-0' });
    const context = mkdtempSync(join(tmpdir(), 'cascade-bench-ctx-'));
    writeFileSync(join(context, 'Dockerfile'), `FROM ${registry.host}/base:1\n`);
    await cascade.api('POST', '/api/tasks', { name: 'latency', images: [`${registry.host}/latency:1`], context });

    const baseline: number[] = [];
    const measured: number[] = [];
    for (let i = 1; i <= pushes; i += 1) {
      buildImage({ marker: `latency-${i}` }); // gzip the layer before the clock starts
      const plainStart = Date.now();
      const plain = await pushImage(baseRegistry.url, 'base', '1', { marker: `latency-${i}` });
      const pushStart = Date.now();
      const pushed = await pushImage(registry.url, 'base', '1', { marker: `latency-${i}` });
      const run = await waitForRun(cascade.api, pushed.digest);
      measured.push(Date.parse(run) - pushStart);
      baseline.push(await arrival(sink.arrivals, plain.digest) - plainStart);
    }
    printRows([
      { measure: 'push start → notification at a bare endpoint (baseline)', 'median ms': median(baseline), 'p95 ms': percentile(baseline, 95) },
      { measure: 'push start → run queued in Cascade', 'median ms': median(measured), 'p95 ms': percentile(measured, 95) },
    ]);
    console.log(`latency: ${pushes} pushes; target median <= 200 ms; ratio Cascade / bare notification (median): ${(median(measured) / median(baseline)).toFixed(2)}, difference ${median(measured) - median(baseline)} ms`);
  } finally {
    await cascade.stop();
    await Promise.all([registry.stop(), baseRegistry.stop(), sink.stop()]);
  }
}

async function arrival(arrivals: Map<string, number>, digest: string): Promise<number> {
  const deadline = Date.now() + 10_000;
  while (!arrivals.has(digest) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  return arrivals.get(digest) ?? NaN;
}

type Api = Awaited<ReturnType<typeof startCascade>>['api'];
interface RunJson { createTime: string; imageUpdateTrigger: { images: Array<{ digest: string }> } | null }

/** The run's own creation time, so polling granularity does not count. */
async function waitForRun(api: Api, digest: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const runs = (await api<RunJson[]>('GET', '/api/runs?task=latency&limit=5')).body;
    const run = runs.find((r) => r.imageUpdateTrigger?.images[0]?.digest === digest);
    if (run) return run.createTime;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no run for ${digest} within 10 s`);
}
