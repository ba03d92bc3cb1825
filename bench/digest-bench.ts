import { createLogger } from '../src/logger';
import { composeServices } from '../src/main';
import { requireImageRef } from '../src/image-ref';
import { MANIFEST_ACCEPT } from '../src/registry/media-types';
import { pushImage } from '../test/support/push-image';
import { startRegistry } from '../test/support/registry';
import { elapsedMs, median, numericArgs, printRows } from './stats';

/** Runs `total` calls of `one`, `inFlight` at a time; returns calls per second. */
async function throughput(total: number, inFlight: number, one: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < total) await one(next++);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return total / (elapsedMs(started) / 1000);
}

/**
 * Digest resolutions through Cascade's registry client against a bare `fetch` HEAD loop, both
 * on Debian's docker-registry on 127.0.0.1, rounds interleaved.
 */
export async function runDigestBench(args: string[]): Promise<void> {
  const { requests, inFlight, rounds, repos } = numericArgs(args, { requests: 2000, inFlight: 16, rounds: 5, repos: 8 });
  const registry = await startRegistry();
  try {
    const refs = await Promise.all(Array.from({ length: repos }, async (_, i) => {
      await pushImage(registry.url, `bench/app${i}`, '1', { marker: `bench-${i}` });
      return requireImageRef(`${registry.host}/bench/app${i}:1`);
    }));
    const env = { CASCADE_REGISTRIES: JSON.stringify([{ host: registry.host, insecure: true }]), CASCADE_LOG_LEVEL: 'silent' };
    const { registry: client } = composeServices(env, createLogger('silent'));
    const bare = async (i: number) => {
      const ref = refs[i % refs.length]!;
      const response = await fetch(`${registry.url}/v2/${ref.repository}/manifests/${ref.tag}`, { method: 'HEAD', headers: { accept: MANIFEST_ACCEPT } });
      if (!response.headers.get('docker-content-digest')) throw new Error(`HEAD answered ${response.status}`);
    };
    const cascade = (i: number) => client.resolveDigest(refs[i % refs.length]!);
    await throughput(200, inFlight, bare);
    await throughput(200, inFlight, cascade);

    const bareRates: number[] = [];
    const cascadeRates: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      bareRates.push(await throughput(requests, inFlight, bare));
      cascadeRates.push(await throughput(requests, inFlight, cascade));
    }
    const bareRate = median(bareRates);
    const cascadeRate = median(cascadeRates);
    console.log(`digest: ${requests} resolutions x ${rounds} rounds, ${inFlight} in flight, ${repos} repositories on docker-registry ${registry.host}`);
    printRows([
      { measure: 'bare fetch HEAD (baseline)', 'resolutions/s': Math.round(bareRate) },
      { measure: 'registry client resolveDigest', 'resolutions/s': Math.round(cascadeRate) },
    ]);
    console.log(`ratio client / bare fetch: ${(cascadeRate / bareRate).toFixed(2)} (target >= 0.8)`);
  } finally {
    await registry.stop();
  }
}
