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
  CASCADE_POLL_INTERVAL_MS: positiveMs.default(300_000),
  CASCADE_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
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
  CASCADE_SETTLE_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  CASCADE_TRANSPORT: z.enum(['local', 'servicebus']).default('local'),
  SERVICEBUS_CONNECTION_STRING: z.string().min(1).optional(),
  SERVICEBUS_NAMESPACE: z.string().regex(/^[A-Za-z0-9.-]+(:\d+)?$/, 'a fully qualified namespace, e.g. contoso.servicebus.windows.net').optional(),
  SERVICEBUS_ENTITY: z.string().min(1).max(260).default('rebuilds'),
  SERVICEBUS_ENTITY_TYPE: z.enum(['queue', 'topic']).default('queue'),
  SERVICEBUS_SUBSCRIPTION: z.string().min(1).max(50).default('default'),
  SERVICEBUS_SESSIONS: z.enum(['true', 'false']).default('false'),
  SERVICEBUS_TIMEOUT_MS: positiveMs.default(30_000),
  SERVICEBUS_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
});

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly logLevel: z.infer<typeof envSchema>['CASCADE_LOG_LEVEL'];
  readonly registries: readonly RegistrySettings[];
  readonly registryTimeoutMs: number;
  /** The poller (issue 6 §1): `watch: poll` registries' default interval; webhook ones' reconciliation (0: off). */
  readonly poll: { readonly intervalMs: number; readonly reconcileIntervalMs: number };
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
  /** Pushes of one ref within this window coalesce into one request for the newest (0: none). */
  readonly settleMs: number;
  /** Where rebuild messages go: the embedded queue, or Azure Service Bus (DESIGN.md §5). */
  readonly transport: { readonly kind: 'local' } | ServiceBusSettings;
}

export interface ServiceBusSettings {
  readonly kind: 'servicebus';
  /** Either a connection string (SAS) or a namespace FQDN reached with DefaultAzureCredential. */
  readonly connection: { readonly connectionString: string } | { readonly namespace: string };
  readonly entity: string;
  /** `topic`: one subscription per agent pool, named after the pool. */
  readonly entityType: 'queue' | 'topic';
  /** The subscription agents without a pool read (topic only). */
  readonly defaultSubscription: string;
  /** The entity requires sessions: messages carry the task as session id. */
  readonly sessions: boolean;
  /** The SDK's retry policy for each operation (the relay retries on top, from the outbox). */
  readonly retry: { readonly timeoutInMs: number; readonly maxRetries: number };
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
    poll: { intervalMs: e.CASCADE_POLL_INTERVAL_MS, reconcileIntervalMs: e.CASCADE_RECONCILE_INTERVAL_MS },
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
    settleMs: e.CASCADE_SETTLE_MS,
    transport: transportSettings(e),
  };
}

function transportSettings(e: z.infer<typeof envSchema>): Config['transport'] {
  if (e.CASCADE_TRANSPORT === 'local') return { kind: 'local' };
  const connectionString = e.SERVICEBUS_CONNECTION_STRING;
  if (!connectionString && !e.SERVICEBUS_NAMESPACE) {
    throw new CascadeError('CONFIG_INVALID', 'invalid configuration: CASCADE_TRANSPORT=servicebus needs SERVICEBUS_CONNECTION_STRING or SERVICEBUS_NAMESPACE (see .env.example)');
  }
  return {
    kind: 'servicebus',
    connection: connectionString ? { connectionString } : { namespace: e.SERVICEBUS_NAMESPACE! },
    entity: e.SERVICEBUS_ENTITY,
    entityType: e.SERVICEBUS_ENTITY_TYPE,
    defaultSubscription: e.SERVICEBUS_SUBSCRIPTION,
    sessions: e.SERVICEBUS_SESSIONS === 'true',
    retry: { timeoutInMs: e.SERVICEBUS_TIMEOUT_MS, maxRetries: e.SERVICEBUS_MAX_RETRIES },
  };
}
