import { DefaultAzureCredential } from '@azure/identity';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from './config';
import { createApp } from './http/create-app';
import { createLogger, type Logger } from './logger';
import { createRegistryClient, type RegistryClient } from './registry';

export interface Services {
  readonly config: Config;
  readonly logger: Logger;
  readonly registry: RegistryClient;
}

/** The composition root (DESIGN.md §8): config → adapters. Nothing else builds adapters. */
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

export async function startServer(env: NodeJS.ProcessEnv, logger?: Logger): Promise<RunningServer> {
  const services = composeServices(env, logger);
  const app = createApp({ logger: services.logger, readiness: { notReady: async () => [] } });
  const server = app.listen(services.config.port, services.config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  services.logger.info({ url }, 'cascade listening');
  return {
    url,
    log: services.logger,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    }),
  };
}
