import { createPrivateKey, createPublicKey, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { libtrustKeyId } from './libtrust-key-id';
import { createSelfSignedCert } from './self-signed-cert';
import { signJwt } from './sign-jwt';
import { grantAccess } from './token-access';

export interface TokenServerOptions {
  readonly users: Readonly<Record<string, string>>;
  readonly issuer?: string;
  readonly service?: string;
  readonly expiresInSeconds?: number;
  /** Repositories anonymous callers may pull. */
  readonly publicRepos?: readonly string[];
}

/** A Docker token service (the `auth.token` realm) that signs its own JWTs. */
export interface TokenServer {
  readonly url: string;
  /** `<url>/token`, the registry's `auth.token.realm`. */
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  /** The signing key's self-signed certificate, the registry's `auth.token.rootcertbundle`. */
  readonly rootCertBundle: string;
  /** Token requests answered or refused so far, to check that clients cache tokens. */
  readonly tokenRequests: number;
  stop(): Promise<void>;
}

/**
 * Tokens carry `kid` = the libtrust key ID of the signing key, which distribution 2.8 matches against its
 * rootcertbundle (no x5c chain needed). https://distribution.github.io/distribution/spec/auth/jwt/
 */
export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-token-'));
  const cert = createSelfSignedCert(dir, { name: 'token-signing', commonName: 'cascade-test-token-issuer' });
  const privateKey = createPrivateKey(readFileSync(cert.keyFile));
  const kid = libtrustKeyId(createPublicKey(privateKey));
  const issuer = options.issuer ?? 'cascade-test-issuer';
  const service = options.service ?? 'cascade-test-registry';
  const expiresIn = options.expiresInSeconds ?? 300;
  let tokenRequests = 0;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/token') return reply(res, 404, { errors: [{ code: 'NOT_FOUND' }] });
    tokenRequests += 1;
    const user = authenticate(req.headers.authorization, options.users);
    if (user === false) {
      res.setHeader('WWW-Authenticate', 'Basic realm="cascade-test-token"');
      return reply(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] });
    }
    if (url.searchParams.get('service') !== service) return reply(res, 400, { errors: [{ code: 'INVALID_SERVICE' }] });
    const now = Math.floor(Date.now() / 1000);
    const access = grantAccess(url.searchParams.getAll('scope'), user, options.publicRepos ?? []);
    const claims = { iss: issuer, sub: user ?? '', aud: service, exp: now + expiresIn, nbf: now, iat: now, jti: randomUUID(), access };
    const token = signJwt(claims, privateKey, kid);
    reply(res, 200, { token, access_token: token, expires_in: expiresIn, issued_at: new Date(now * 1000).toISOString() });
  };

  const server = createServer(handle);
  const port = await freePort();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base, realm: `${base}/token`, service, issuer, rootCertBundle: cert.certFile,
    get tokenRequests() {
      return tokenRequests;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The user name, `undefined` for anonymous, `false` for wrong or malformed credentials. */
function authenticate(header: string | undefined, users: Readonly<Record<string, string>>): string | undefined | false {
  if (header === undefined) return undefined;
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (match?.[1] === undefined) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  const expected = Object.hasOwn(users, user) ? users[user] : undefined;
  if (expected === undefined) return false;
  const [a, b] = [Buffer.from(password), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b) ? user : false;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}
