import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseAuthChallenge } from '../support/auth-challenge';
import { headManifest } from '../support/head-manifest';
import { MANIFEST_ACCEPT } from '../support/media-types';
import { pushImage } from '../support/push-image';
import { startRegistry, type RunningRegistry } from '../support/registry';
import { startTokenServer, type TokenServer } from '../support/token-server';

const run = promisify(execFile);
const alice = { username: 'alice', password: 'wonderland' };

describe('token-auth registry', () => {
  let tokens: TokenServer;
  let registry: RunningRegistry;
  beforeAll(async () => {
    tokens = await startTokenServer({ users: { alice: alice.password }, publicRepos: ['public/base'] });
    registry = await startRegistry({ tokenAuth: tokens });
  });
  afterAll(async () => {
    await registry.stop();
    await tokens.stop();
  });

  it('challenges an anonymous HEAD with a Bearer challenge for the token server', async () => {
    const response = await fetch(`${registry.url}/v2/app/manifests/v1`, { method: 'HEAD', headers: { Accept: MANIFEST_ACCEPT } });

    expect(response.status).toBe(401);
    expect(parseAuthChallenge(response.headers.get('www-authenticate'))).toEqual({
      scheme: 'bearer',
      params: { realm: tokens.realm, service: tokens.service, scope: 'repository:app:pull' },
    });
  });

  it('pushes and reads with tokens got through the challenge flow', async () => {
    const before = tokens.tokenRequests;

    const pushed = await pushImage(registry.url, 'app', 'v1', { auth: alice });
    const head = await headManifest(registry.url, 'app', 'v1', alice);

    expect(head.digest).toBe(pushed.digest);
    expect(tokens.tokenRequests - before).toBeGreaterThan(0);
    expect((await headManifest(registry.url, 'app', 'v1')).status).toBe(401);
  });

  it('accepts a bearer token fetched by hand and lets anonymous callers pull public repos', async () => {
    const pushed = await pushImage(registry.url, 'public/base', 'v1', { auth: alice });
    const url = `${tokens.realm}?service=${tokens.service}&scope=repository:public/base:pull`;
    const { token } = (await (await fetch(url, { headers: { Authorization: basic(alice.username, alice.password) } })).json()) as { token: string };

    expect((await headManifest(registry.url, 'public/base', 'v1', { bearer: token })).digest).toBe(pushed.digest);
    expect((await headManifest(registry.url, 'public/base', 'v1')).digest).toBe(pushed.digest);
  });

  it('refuses a wrong password at the token server', async () => {
    const url = `${tokens.realm}?service=${tokens.service}&scope=repository:app:pull`;

    const response = await fetch(url, { headers: { Authorization: basic('alice', 'wrong') } });

    expect(response.status).toBe(401);
    await expect(pushImage(registry.url, 'app', 'v2', { auth: { username: 'alice', password: 'wrong' } })).rejects.toThrow(/401/);
  });
});

describe('htpasswd registry', () => {
  let registry: RunningRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ htpasswd: alice });
  });
  afterAll(async () => {
    await registry.stop();
  });

  it('takes Basic credentials and refuses anonymous and wrong ones', async () => {
    const pushed = await pushImage(registry.url, 'app', 'v1', { auth: alice });

    expect((await headManifest(registry.url, 'app', 'v1', alice)).digest).toBe(pushed.digest);
    expect((await headManifest(registry.url, 'app', 'v1')).status).toBe(401);
    expect((await headManifest(registry.url, 'app', 'v1', { username: 'alice', password: 'nope' })).status).toBe(401);
  });
});

describe('TLS registry', () => {
  let registry: RunningRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ tls: true });
  });
  afterAll(async () => {
    await registry.stop();
  });

  it('answers over https to a process that trusts caFile through NODE_EXTRA_CA_CERTS', async () => {
    const script = 'fetch(process.argv[1]).then((r) => console.log(r.status), (e) => console.log(e.cause?.code ?? e.message))';
    const probe = (env: NodeJS.ProcessEnv) => run(process.execPath, ['-e', script, `${registry.url}/v2/`], { env });

    const trusted = await probe({ ...process.env, NODE_EXTRA_CA_CERTS: registry.caFile });
    const untrusted = await probe({ ...process.env, NODE_EXTRA_CA_CERTS: '' });

    expect(registry.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(trusted.stdout.trim()).toBe('200');
    expect(untrusted.stdout.trim()).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('is reachable by the push helpers in this process, which trust caFile without NODE_EXTRA_CA_CERTS', async () => {
    const pushed = await pushImage(registry.url, 'secure', 'v1', { marker: 'tls' });

    expect(await headManifest(registry.url, 'secure', 'v1')).toMatchObject({ status: 200, digest: pushed.digest });
    await expect(fetch(`${registry.url}/v2/`)).rejects.toThrow('fetch failed');
  });
});

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
