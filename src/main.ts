import { DefaultAzureCredential } from '@azure/identity';
import type { AddressInfo } from 'node:net';
import { Registry as MetricsRegistry } from 'prom-client';
import { loadConfig, type Config } from './config';
import { readDockerfile } from './context/read-dockerfile';
import { createEventProcessor } from './core/event-processor';
import { createInboxBatcher } from './core/inbox-batcher';
import { registerDispatchMetrics } from './core/dispatch-metrics';
import { createOutboxRelay } from './core/outbox-relay';
import { releaseDeferredRuns } from './core/release-deferred-runs';
import { createWorkerLoop } from './core/worker-loop';
import { agentRoutes } from './http/api/agent-routes';
import { deadLetterRoutes } from './http/api/dead-letter-routes';
import { eventsRoutes } from './http/api/events-routes';
import { runReportRoutes } from './http/api/run-report-routes';
import { runsRoutes } from './http/api/runs-routes';
import { statusRoutes } from './http/api/status-routes';
import { tasksRoutes } from './http/api/tasks-routes';
import { createApp } from './http/create-app';
import { metricsRoutes } from './http/metrics-routes';
import { requireToken } from './http/require-token';
import { webhookRoutes } from './http/webhook-routes';
import { createLogger, type Logger } from './logger';
import { createUpdateTriggerNotifier } from './notify';
import { createPoller, createPollerMetrics } from './poller';
import { createRegistryClient, type RegistryClient } from './registry';
import { loadSecrets } from './secrets/load-secrets';
import { createSqliteStore } from './store/sqlite/create-sqlite-store';
import { createTaskService } from './tasks/create-task-service';
import { createServerTransport } from './transport/create-transport';
import { formatSetupInstructions, WEBHOOK_SOURCES } from './webhooks';

export interface Services {
  readonly config: Config;
  readonly logger: Logger;
  readonly registry: RegistryClient;
}

/** Config and the adapters every entry point needs (the CLI's `digest` uses only these). */
export function composeServices(env: NodeJS.ProcessEnv, logger?: Logger): Services {
  const config = loadConfig(env);
  const log = logger ?? createLogger(config.logLevel);
  const registry = createRegistryClient({
    registries: config.registries,
    timeoutMs: config.registryTimeoutMs,
    azureCredential: () => new DefaultAzureCredential(),
  });
  return { config, logger: log, registry };
}

export interface RunningServer {
  readonly url: string;
  readonly log: Logger;
  close(): Promise<void>;
}

/** The composition root (DESIGN.md §8): config → adapters → server, workers. */
export async function startServer(env: NodeJS.ProcessEnv, logger?: Logger): Promise<RunningServer> {
  const { config, logger: log, registry } = composeServices(env, logger);
  const secrets = loadSecrets(config);
  // Two connections to one WAL file: what Cascade acknowledges (webhooks, API writes) syncs on
  // every commit; derived work (matching, relaying, the queue) does not, since a lost suffix of
  // the log only replays from the durable inbox and outbox (duplicates dropped by their keys).
  const store = createSqliteStore({ file: config.dbFile, synchronous: 'FULL', autoCheckpoint: false });
  const work = createSqliteStore({ file: config.dbFile, synchronous: 'NORMAL', autoCheckpoint: false });
  // The WAL is copied back on a timer rather than inside whichever commit crosses the threshold.
  const checkpoints = setInterval(() => {
    work.checkpoint().catch((error: unknown) => log.warn({ err: error }, 'WAL checkpoint failed'));
  }, 1000);
  checkpoints.unref();
  const inbox = createInboxBatcher(store);
  const transport = createServerTransport(config, {
    queue: work,
    credential: () => new DefaultAzureCredential(),
    agentPools: async () => [...new Set((await work.listTasks()).flatMap((task) => (task.agentPool === null ? [] : [task.agentPool])))],
  });

  const relay = createOutboxRelay({ store: work, publisher: transport.publisher, logger: log });
  const relayLoop = createWorkerLoop('relay', relay.relayOnce, { idleMs: 1000, logger: log });
  const notifier = createUpdateTriggerNotifier({ secret: secrets.updateTrigger, logger: log });
  const processor = createEventProcessor({
    store: work, registry, logger: log, maxHops: config.maxHops, settleMs: config.settleMs,
    onRunsCreated: () => relayLoop.wake(),
    onImageUpdateRun: (task, run) => {
      if (!task.updateTriggerEndpoint) return;
      const payload = task.updateTriggerPayloadType === 'Token' ? { type: 'Token' as const, token: task.updateTriggerToken } : { type: 'Default' as const };
      notifier.notify({ task, run, payload });
    },
  });
  // A short idle period: events waiting on a build's report (chains) are looked at again soon.
  const processorLoop = createWorkerLoop('matcher', processor.processDue, { idleMs: 250, logger: log });
  const metrics = new MetricsRegistry();
  registerDispatchMetrics(metrics, { outboxDepth: (at) => work.outboxDepth(at), relayHealth: relay.health });
  // Upstreams without webhooks are polled; webhook registries are reconciled (issue 6, docs/poller.md).
  const poller = createPoller({
    registries: config.registries, pollIntervalMs: config.poll.intervalMs, reconcileIntervalMs: config.poll.reconcileIntervalMs,
    store: work, registry, metrics: createPollerMetrics(metrics), logger: log, onEventsStored: () => processorLoop.wake(),
  });
  const tasks = createTaskService({ store, registry, readDockerfile, onRunsCreated: () => relayLoop.wake() });

  const admin = requireToken([secrets.admin], 'admin');
  const agent = requireToken([secrets.agent, secrets.admin], 'agent');
  const app = createApp({
    logger: log,
    readiness: { notReady: async () => [] },
    mounts: [
      // Unauthenticated, as Prometheus scrapers expect: counts only (docs/poller.md).
      { path: '/metrics', router: metricsRoutes(metrics) },
      { path: '/webhooks', router: webhookRoutes({ sources: WEBHOOK_SOURCES, secrets: secrets.webhooks, append: inbox.append, onEventsStored: () => processorLoop.wake() }) },
      { path: '/api/tasks', guards: [admin], router: tasksRoutes(tasks) },
      // Agents report on runs here; each of these routes checks the agent token itself.
      { path: '/api/runs', router: runReportRoutes(store, agent, async (run) => {
        const released = await releaseDeferredRuns(store, run);
        if (released.length > 0) relayLoop.wake();
      }) },
      { path: '/api/runs', guards: [admin], router: runsRoutes(work) },
      { path: '/api/events', guards: [admin], router: eventsRoutes(work) },
      { path: '/api/status', guards: [admin], router: statusRoutes({ store: work, admin: transport.admin, localQueue: transport.localQueue, relayHealth: relay.health, registries: poller.status }) },
      { path: '/api/dead-letters', guards: [admin], router: deadLetterRoutes(transport.admin) },
      // The embedded queue only: with Service Bus, agents receive from the bus itself.
      ...(transport.agentConsumer ? [{ path: '/api/agent', guards: [agent], router: agentRoutes(transport.agentConsumer) }] : []),
    ],
  });

  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  processorLoop.start();
  relayLoop.start();
  poller.start();
  log.info({ url, db: config.dbFile, transport: config.transport.kind }, 'cascade listening');
  if (secrets.generated.length > 0) {
    log.info({ generated: secrets.generated, file: `${config.dataDir}/secrets.json` }, 'generated secrets');
    process.stderr.write(`\n${formatSetupInstructions({ baseUrl: config.publicUrl ?? url, secrets: secrets.webhooks })}\n`);
  }

  return {
    url,
    log,
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      clearInterval(checkpoints);
      await Promise.all([processorLoop.stop(), relayLoop.stop(), poller.stop()]);
      // Pending notifications are not waited for: their retries may take minutes.
      await transport.close();
      await Promise.all([work.close(), store.close()]);
    },
  };
}
