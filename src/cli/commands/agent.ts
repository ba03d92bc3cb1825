import { DefaultAzureCredential } from '@azure/identity';
import { InvalidArgumentError, type Command } from 'commander';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createBuildahBuilder } from '../../agent/builders/buildah-builder';
import { createCommandBuilder } from '../../agent/builders/command-builder';
import { createRebuildHandler } from '../../agent/handle-rebuild';
import { runAgentLoop } from '../../agent/run-agent';
import { createRunReporter } from '../../agent/run-reporter';
import { createLogger } from '../../logger';
import { composeServices } from '../../main';
import { readStoredSecret } from '../../secrets/load-secrets';
import { createAgentConsumer } from '../../transport/create-transport';
import { CliExit } from '../cli-exit';
import type { CliIo } from '../main';

interface AgentOptions { server: string; pool?: string; concurrency: number; name: string; builder: 'buildah' | 'command'; command?: string; buildahRoot?: string }

function positiveInt(value: string): number {
  if (!/^[1-9]\d{0,2}$/.test(value)) throw new InvalidArgumentError('expected a whole number from 1 to 999');
  return Number(value);
}

/** `cascade agent`: receive rebuild messages, build, push, report, settle (DESIGN.md §6). */
export function registerAgent(program: Command, io: CliIo): void {
  program.command('agent')
    .description('build rebuild requests from the queue (buildah by default; settings from the environment)')
    .option('--server <url>', 'Cascade server (env CASCADE_URL)', io.env.CASCADE_URL ?? 'http://127.0.0.1:8080')
    .option('--pool <name>', 'take only messages of this agent pool (default: tasks without a pool)')
    .option('--concurrency <n>', 'builds at once', positiveInt, 1)
    .option('--name <name>', 'this agent, as runs record it', `${hostname()}-${process.pid}`)
    .option('--builder <kind>', 'buildah or command', (v) => {
      if (v !== 'buildah' && v !== 'command') throw new InvalidArgumentError('expected buildah or command');
      return v;
    }, 'buildah')
    .option('--command <template>', 'with --builder command: e.g. "docker buildx build --push -f {dockerfile} {image_flags} {build_args} --platform {platform} {context}"')
    .option('--buildah-root <dir>', 'buildah storage (vfs) for this agent (default: <data dir>/buildah)')
    .action(async (options: AgentOptions) => {
      const { config, logger, registry } = composeServices(io.env, createLogger((io.env.CASCADE_LOG_LEVEL as 'info') ?? 'info'));
      const token = io.env.CASCADE_AGENT_TOKEN ?? readStoredSecret(config.dataDir, 'agent');
      if (!token) throw new CliExit('set CASCADE_AGENT_TOKEN (the server keeps it in its data directory)', 1);
      if (options.builder === 'command' && !options.command) throw new CliExit('--builder command needs --command <template>', 1);
      const root = options.buildahRoot ?? join(config.dataDir, 'buildah');
      const builder = options.builder === 'command'
        ? createCommandBuilder({ template: options.command! })
        : createBuildahBuilder({ root: join(root, 'storage'), runroot: join(root, 'run'), insecureRegistries: config.registries.filter((r) => r.insecure).map((r) => r.host) });
      if (config.transport.kind === 'servicebus' && config.transport.entityType === 'queue' && options.pool) {
        throw new CliExit(`--pool ${options.pool} needs SERVICEBUS_ENTITY_TYPE=topic with a subscription named "${options.pool}" (a queue has no filters)`, 1);
      }
      const consumer = createAgentConsumer(config, { server: options.server, token, credential: () => new DefaultAzureCredential() });
      const reporter = createRunReporter({ server: options.server, token, agent: options.name });
      const handle = createRebuildHandler({ consumer, reporter, builder, registry, logger });
      const loop = runAgentLoop({ consumer, handle, logger, pool: options.pool ?? null, concurrency: options.concurrency });
      logger.info({ transport: config.transport.kind, server: options.server, pool: options.pool ?? null, concurrency: options.concurrency, builder: options.builder, agent: options.name }, 'agent started');
      const stop = () => {
        logger.info('agent stopping after the builds in hand');
        void loop.stop();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await loop.done;
      await consumer.close();
    });
}
