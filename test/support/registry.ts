import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { htpasswdLine } from './htpasswd-line';
import { registryConfig, type NotificationsOptions } from './registry-config';
import { spawnRegistry, type RegistryProcess } from './registry-process';
import { createSelfSignedCert } from './self-signed-cert';
import { trustedCa } from './trusted-ca';
import type { TokenServer } from './token-server';

export type { NotificationsOptions } from './registry-config';

export interface RegistryOptions {
  readonly notifications?: NotificationsOptions;
  /** Serve HTTPS with a fresh self-signed certificate for IP:127.0.0.1 (see `caFile`). */
  readonly tls?: true;
  /** Basic auth for one user. */
  readonly htpasswd?: { readonly username: string; readonly password: string };
  /** Docker token auth, trusting this token server's signing certificate. */
  readonly tokenAuth?: TokenServer;
}

/** A `docker-registry` (distribution 2.8) on 127.0.0.1 with its storage in a temp dir. */
export interface RunningRegistry {
  readonly port: number;
  /** `127.0.0.1:<port>`, as in image references. */
  readonly host: string;
  /** `http(s)://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** With `tls`: the self-signed certificate, for NODE_EXTRA_CA_CERTS of a child process (this folder's helpers trust it already). */
  readonly caFile?: string;
  readonly dataDir: string;
  readonly configPath: string;
  stderrTail(): string;
  /** Kills the registry and deletes its storage. */
  stop(): Promise<void>;
  /** Kills the registry and starts it again on the same port with the same storage. */
  restart(): Promise<void>;
}

export async function startRegistry(options: RegistryOptions = {}): Promise<RunningRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-registry-'));
  try {
    const port = await freePort();
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    const tls = options.tls
      ? createSelfSignedCert(dir, { name: 'registry', commonName: '127.0.0.1', subjectAltName: 'IP:127.0.0.1' })
      : undefined;
    const htpasswdFile = options.htpasswd === undefined ? undefined : join(dir, 'htpasswd');
    if (htpasswdFile !== undefined && options.htpasswd !== undefined) {
      writeFileSync(htpasswdFile, htpasswdLine(options.htpasswd.username, options.htpasswd.password));
    }
    const token = options.tokenAuth;
    const configPath = join(dir, 'config.yml');
    const config = registryConfig({
      port, storageDir: dataDir, secret: randomBytes(16).toString('hex'), tls, htpasswdFile,
      notifications: options.notifications,
      token: token && { realm: token.realm, service: token.service, issuer: token.issuer, rootCertBundle: token.rootCertBundle },
    });
    writeFileSync(configPath, JSON.stringify(config, null, 2));

    const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
    const ca = tls && readFileSync(tls.certFile);
    let registry: RegistryProcess = await spawnRegistry(configPath, url, ca);
    if (ca) trustedCa.add(url, ca);
    return {
      port, host: `127.0.0.1:${port}`, url, caFile: tls?.certFile, dataDir, configPath,
      stderrTail: () => registry.stderrTail(),
      async stop() {
        await registry.stop();
        trustedCa.remove(url);
        rmSync(dir, { recursive: true, force: true });
      },
      async restart() {
        await registry.stop();
        registry = await spawnRegistry(configPath, url, ca);
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
