import { z } from 'zod';
import { CascadeError } from './errors';
import { parseRegistriesSetting, type RegistrySettings } from './registry/registry-settings';

const port = z.coerce.number().int().min(0).max(65535);
const positiveMs = z.coerce.number().int().positive();

/** Every variable the code reads; `.env.example` documents each with its default. */
const envSchema = z.object({
  CASCADE_HOST: z.string().min(1).default('127.0.0.1'),
  CASCADE_PORT: port.default(8080),
  CASCADE_DATA_DIR: z.string().min(1).default('./data'),
  CASCADE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CASCADE_REGISTRIES: z.string().optional(),
  CASCADE_REGISTRY_TIMEOUT_MS: positiveMs.default(10_000),
});

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly logLevel: z.infer<typeof envSchema>['CASCADE_LOG_LEVEL'];
  readonly registries: readonly RegistrySettings[];
  readonly registryTimeoutMs: number;
}

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
  };
}
