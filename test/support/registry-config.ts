/** Where the registry posts events; maps onto one `notifications.endpoints[]` entry. */
export interface NotificationsOptions {
  readonly url: string;
  /** Sent verbatim with every POST, e.g. `{Authorization: ['Bearer x']}`. */
  readonly headers?: Record<string, string[]>;
  readonly timeoutMs?: number;
  /** Failures before the endpoint backs off. */
  readonly thresholdcount?: number;
  readonly backoffMs?: number;
  /** Default `['application/octet-stream']`: keeps manifest events, drops blob ones. */
  readonly ignoreMediaTypes?: string[];
  /** Default `['pull']`: our own HEADs would otherwise make events. */
  readonly ignoreActions?: string[];
}

export interface RegistryConfigInput {
  readonly port: number;
  readonly storageDir: string;
  readonly secret: string;
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
  readonly htpasswdFile?: string;
  readonly token?: { readonly realm: string; readonly service: string; readonly issuer: string; readonly rootCertBundle: string };
  readonly notifications?: NotificationsOptions;
}

/**
 * The registry's config.yml as an object. It is written as JSON, which the registry's YAML parser reads
 * as flow style, so no YAML writer is needed.
 * https://distribution.github.io/distribution/about/configuration/
 */
export function registryConfig(input: RegistryConfigInput): Record<string, unknown> {
  return {
    version: '0.1',
    log: { level: 'warn', accesslog: { disabled: true } },
    storage: {
      filesystem: { rootdirectory: input.storageDir },
      delete: { enabled: true },
      maintenance: { uploadpurging: { enabled: false } },
    },
    http: {
      addr: `127.0.0.1:${input.port}`,
      // Without a secret every start logs a warning and upload state would not survive restart().
      secret: input.secret,
      // Relative Location headers; @azure/container-registry needs them, and event target.url becomes relative.
      relativeurls: true,
      ...(input.tls === undefined ? {} : { tls: { certificate: input.tls.certFile, key: input.tls.keyFile } }),
    },
    ...authSection(input),
    ...(input.notifications === undefined ? {} : { notifications: { endpoints: [endpoint(input.notifications)] } }),
  };
}

function authSection(input: RegistryConfigInput): Record<string, unknown> {
  if (input.htpasswdFile !== undefined && input.token !== undefined) {
    throw new Error('a registry takes one auth method: htpasswd or tokenAuth, not both');
  }
  if (input.htpasswdFile !== undefined) return { auth: { htpasswd: { realm: 'cascade-test', path: input.htpasswdFile } } };
  if (input.token === undefined) return {};
  const { realm, service, issuer, rootCertBundle } = input.token;
  return { auth: { token: { realm, service, issuer, rootcertbundle: rootCertBundle } } };
}

function endpoint(options: NotificationsOptions): Record<string, unknown> {
  return {
    name: 'cascade-test',
    url: options.url,
    headers: options.headers ?? {},
    timeout: `${options.timeoutMs ?? 1000}ms`,
    threshold: options.thresholdcount ?? 3,
    backoff: `${options.backoffMs ?? 1000}ms`,
    ignore: {
      mediatypes: options.ignoreMediaTypes ?? ['application/octet-stream'],
      actions: options.ignoreActions ?? ['pull'],
    },
  };
}
