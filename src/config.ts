import { join } from 'node:path';
import { z } from 'zod';
import { CascadeError } from './errors';
import { parseRegistriesSetting, type RegistrySettings } from './registry/registry-settings';

const port = z.coerce.number().int().min(0).max(65535);
const positiveMs = z.coerce.number().int().positive();
/** Unset: generated on first start and kept in the data directory. */
const secret = z.string().min(1).max(512).optional();

/** Every variable the code reads; `.env.example` documents each with its default. */
const envSchema = z.object({
  CASCADE_HOST: z.string().min(1).default('127.0.0.1'),
  CASCADE_PORT: port.default(8080),
  CASCADE_DATA_DIR: z.string().min(1).default('./data'),
  CASCADE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CASCADE_REGISTRIES: z.string().optional(),
  CASCADE_REGISTRY_TIMEOUT_MS: positiveMs.default(10_000),
  CASCADE_DB: z.string().min(1).optional(),
  CASCADE_ADMIN_TOKEN: secret,
  CASCADE_AGENT_TOKEN: secret,
  CASCADE_WEBHOOK_SECRET_ACR: secret,
  CASCADE_WEBHOOK_SECRET_EVENTGRID: secret,
  CASCADE_WEBHOOK_SECRET_DOCKERHUB: secret,
  CASCADE_WEBHOOK_SECRET_DISTRIBUTION: secret,
  CASCADE_UPDATE_TRIGGER_SECRET: secret,
  CASCADE_PUBLIC_URL: z.url().optional(),
  CASCADE_QUEUE_LOCK_MS: positiveMs.default(60_000),
  CASCADE_QUEUE_MAX_DELIVERIES: z.coerce.number().int().min(1).max(1000).default(10),
  CASCADE_MAX_HOPS: z.coerce.number().int().min(0).max(100).default(8),
});

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly logLevel: z.infer<typeof envSchema>['CASCADE_LOG_LEVEL'];
  readonly registries: readonly RegistrySettings[];
  readonly registryTimeoutMs: number;
  /** The SQLite file; `<dataDir>/cascade.db` by default. */
  readonly dbFile: string;
  /** Secrets from the environment; the ones missing are generated (see `loadSecrets`). */
  readonly secrets: {
    readonly admin: string | undefined;
    readonly agent: string | undefined;
    /** Signs the notifications sent to tasks' update-trigger endpoints. */
    readonly updateTrigger: string | undefined;
    readonly webhooks: Readonly<Record<WebhookSourceName, string | undefined>>;
  };
  /** The URL registries reach Cascade at, for the printed set-up; default `http://host:port`. */
  readonly publicUrl: string | undefined;
  readonly queue: { readonly lockMs: number; readonly maxDeliveries: number };
  /** How deep a chain of rebuilds may go before it stops with a record. */
  readonly maxHops: number;
}

export type WebhookSourceName = 'acr' | 'eventgrid' | 'dockerhub' | 'distribution';

/**
 * Parses the injected environment once (STYLE.md habit 6). A bad setting fails fast with
 * CONFIG_INVALID naming the keys, never their values: they may be secrets.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const keys = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
    throw new CascadeError('CONFIG_INVALID', `invalid configuration: ${keys.join(', ')} (see .env.example)`);
  }
  const e = parsed.data;
  return {
    host: e.CASCADE_HOST,
    port: e.CASCADE_PORT,
    dataDir: e.CASCADE_DATA_DIR,
    logLevel: e.CASCADE_LOG_LEVEL,
    registries: parseRegistriesSetting(e.CASCADE_REGISTRIES),
    registryTimeoutMs: e.CASCADE_REGISTRY_TIMEOUT_MS,
    dbFile: e.CASCADE_DB ?? join(e.CASCADE_DATA_DIR, 'cascade.db'),
    secrets: {
      admin: e.CASCADE_ADMIN_TOKEN,
      agent: e.CASCADE_AGENT_TOKEN,
      updateTrigger: e.CASCADE_UPDATE_TRIGGER_SECRET,
      webhooks: {
        acr: e.CASCADE_WEBHOOK_SECRET_ACR,
        eventgrid: e.CASCADE_WEBHOOK_SECRET_EVENTGRID,
        dockerhub: e.CASCADE_WEBHOOK_SECRET_DOCKERHUB,
        distribution: e.CASCADE_WEBHOOK_SECRET_DISTRIBUTION,
      },
    },
    publicUrl: e.CASCADE_PUBLIC_URL,
    queue: { lockMs: e.CASCADE_QUEUE_LOCK_MS, maxDeliveries: e.CASCADE_QUEUE_MAX_DELIVERIES },
    maxHops: e.CASCADE_MAX_HOPS,
  };
}
