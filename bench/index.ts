import { runDigestBench } from './digest-bench';
import { runDockerfileBench } from './dockerfile-bench';
import { runMatchBench } from './match-bench';
import { runLatencyBench } from './latency-bench';
import { runIngestBench } from './ingest-bench';
import { runChainBench } from './chain-bench';
import { runFanoutBench } from './fanout-bench';
import { runPollBench } from './poll-bench';

/** `npm run bench -- <name> [options]`: each prints its figures and ratios against an in-run baseline. */
const BENCHES: Record<string, (args: string[]) => Promise<void>> = {
  dockerfile: runDockerfileBench,
  digest: runDigestBench,
  match: runMatchBench,
  latency: runLatencyBench,
  ingest: runIngestBench,
  chain: runChainBench,
  fanout: runFanoutBench,
  poll: runPollBench,
};

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  const bench = name ? BENCHES[name] : undefined;
  if (!bench) {
    process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [options]\n`);
    process.exitCode = 2;
    return;
  }
  await bench(args);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
