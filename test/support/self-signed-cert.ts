import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface SelfSignedCert {
  readonly certFile: string;
  readonly keyFile: string;
}

export interface SelfSignedCertOptions {
  /** File name stem inside `dir`: `<name>.crt` and `<name>.key`. */
  readonly name: string;
  readonly commonName: string;
  /** e.g. `IP:127.0.0.1`; Node and Go ignore the CN, so TLS certs need a SAN. */
  readonly subjectAltName?: string;
}

/** Writes a P-256 key and a one-day self-signed certificate with the `openssl` CLI. */
export function createSelfSignedCert(dir: string, options: SelfSignedCertOptions): SelfSignedCert {
  const certFile = join(dir, `${options.name}.crt`);
  const keyFile = join(dir, `${options.name}.key`);
  const san = options.subjectAltName === undefined ? [] : ['-addext', `subjectAltName=${options.subjectAltName}`];
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', `/CN=${options.commonName}`, ...san, '-keyout', keyFile, '-out', certFile],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { certFile, keyFile };
}
