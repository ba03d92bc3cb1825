import { z } from 'zod';
import { CascadeError } from '../errors';
import { DOCKER_HUB, isDockerHubAlias } from '../image-ref';

/** One entry of `CASCADE_REGISTRIES`: the only hosts Cascade will ever call. */
export interface RegistrySettings {
  /** Registry host as it appears in references (`docker.io`, `myacr.azurecr.io`, `127.0.0.1:5000`). */
  readonly host: string;
  /** Allow plain http (never the default). */
  readonly insecure: boolean;
  readonly username: string | undefined;
  readonly password: string | undefined;
  /**
   * How Cascade learns of pushes: `poll` (HEAD its tracked tags; the default for Docker Hub and
   * MCR, which send no webhooks) or `webhook` (the registry notifies Cascade).
   */
  readonly watch: 'poll' | 'webhook';
  /** How often the poller HEADs this registry's tracked tags; else `CASCADE_POLL_INTERVAL_MS`. */
  readonly pollIntervalMs: number | undefined;
  /** HEAD requests in flight at once to this registry while polling or reconciling (default 8). */
  readonly pollConcurrency: number;
  /** `acr` uses @azure/container-registry with DefaultAzureCredential; default by host. */
  readonly kind: 'oci' | 'acr';
  /** Base URL of the v2 API when it differs from the host (Docker Hub, mirrors). */
  readonly endpoint: string;
}

const entrySchema = z.object({
  host: z.string().min(1),
  insecure: z.boolean().default(false),
  username: z.string().min(1).optional(),
  password: z.string().optional(),
  watch: z.enum(['poll', 'webhook']).optional(),
  pollIntervalMs: z.number().int().positive().optional(),
  pollConcurrency: z.number().int().min(1).max(64).default(8),
  kind: z.enum(['oci', 'acr']).optional(),
  endpoint: z.url().optional(),
}).strict();

const POLLED_BY_DEFAULT = new Set([DOCKER_HUB, 'mcr.microsoft.com']);

/** Docker Hub and MCR are the upstreams ACR Tasks tracks out of the box. */
export const DEFAULT_REGISTRIES = '[{"host":"docker.io"},{"host":"mcr.microsoft.com"}]';

export function parseRegistriesSetting(text: string | undefined): RegistrySettings[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text === undefined || text.trim() === '' ? DEFAULT_REGISTRIES : text);
  } catch {
    throw new CascadeError('CONFIG_INVALID', 'invalid configuration: CASCADE_REGISTRIES is not JSON (see .env.example)');
  }
  const parsed = z.array(entrySchema).safeParse(raw);
  if (!parsed.success) {
    const paths = [...new Set(parsed.error.issues.map((issue) => `CASCADE_REGISTRIES[${issue.path.join('.')}]`))];
    throw new CascadeError('CONFIG_INVALID', `invalid configuration: ${paths.join(', ')} (see .env.example)`);
  }
  return parsed.data.map(toSettings);
}

function toSettings(entry: z.infer<typeof entrySchema>): RegistrySettings {
  const lower = entry.host.toLowerCase();
  const host = isDockerHubAlias(lower) ? DOCKER_HUB : lower;
  const scheme = entry.insecure ? 'http' : 'https';
  const defaultEndpoint = host === DOCKER_HUB ? 'https://registry-1.docker.io' : `${scheme}://${host}`;
  return {
    host,
    insecure: entry.insecure,
    username: entry.username,
    password: entry.password,
    watch: entry.watch ?? (POLLED_BY_DEFAULT.has(host) ? 'poll' : 'webhook'),
    pollIntervalMs: entry.pollIntervalMs,
    pollConcurrency: entry.pollConcurrency,
    kind: entry.kind ?? (host.endsWith('.azurecr.io') ? 'acr' : 'oci'),
    endpoint: (entry.endpoint ?? defaultEndpoint).replace(/\/+$/, ''),
  };
}
