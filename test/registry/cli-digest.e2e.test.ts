import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pushImage } from '../support/push-image';
import { pushIndex } from '../support/push-index';
import { startRegistry, type RunningRegistry } from '../support/registry';

// The built CLI as a user runs it (`npm run test:e2e` builds first). The ACR adapter needs HTTPS:
// Node reads NODE_EXTRA_CA_CERTS only at start-up, so the CLI runs in a child process.
const cli = join(__dirname, '..', '..', 'bin', 'cascade.js');

function cascade(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

describe('cascade digest', () => {
  let plain: RunningRegistry;
  let tls: RunningRegistry;
  beforeAll(async () => {
    [plain, tls] = await Promise.all([startRegistry(), startRegistry({ tls: true })]);
  });
  afterAll(() => Promise.all([plain.stop(), tls.stop()]));

  it('prints the digest from a plain-http registry', async () => {
    const pushed = await pushImage(plain.url, 'app', '1', { marker: 'cli' });

    const run = cascade(['digest', `${plain.host}/app:1`], { CASCADE_REGISTRIES: JSON.stringify([{ host: plain.host, insecure: true }]) });

    expect(run).toEqual({ status: 0, stdout: pushed.digest, stderr: '' });
  });

  it('prints a platform child digest and JSON on request', async () => {
    const index = await pushIndex(plain.url, 'multi', '1', { platforms: [{ platform: 'linux/amd64', marker: 'x' }, { platform: 'linux/arm64', marker: 'y' }] });
    const env = { CASCADE_REGISTRIES: JSON.stringify([{ host: plain.host, insecure: true }]) };

    const arm = cascade(['digest', `${plain.host}/multi:1`, '--platform', 'linux/arm64'], env);
    const json = cascade(['digest', `${plain.host}/multi:1`, '-o', 'json'], env);

    expect(arm.stdout).toBe(index.children.find((c) => c.platform === 'linux/arm64')?.digest);
    expect(JSON.parse(json.stdout)).toMatchObject({ digest: index.digest, mediaType: index.mediaType });
  });

  it('resolves through @azure/container-registry over HTTPS with a trusted self-signed certificate', async () => {
    const pushed = await pushImage(tls.url, 'acr/app', 'v1', { marker: 'acr' });
    const index = await pushIndex(tls.url, 'acr/multi', 'v1', { platforms: [{ platform: 'linux/amd64', marker: 'p' }, { platform: 'linux/arm64', marker: 'q' }] });
    const env = { CASCADE_REGISTRIES: JSON.stringify([{ host: tls.host, kind: 'acr' }]), NODE_EXTRA_CA_CERTS: tls.caFile ?? '' };

    const single = cascade(['digest', `${tls.host}/acr/app:v1`], env);
    const child = cascade(['digest', `${tls.host}/acr/multi:v1`, '--platform', 'linux/arm64'], env);
    const missing = cascade(['digest', `${tls.host}/acr/app:v2`], env);

    expect(single).toEqual({ status: 0, stdout: pushed.digest, stderr: '' });
    expect(child.stdout).toBe(index.children.find((c) => c.platform === 'linux/arm64')?.digest);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^cascade: REGISTRY_(MANIFEST|REPOSITORY)_NOT_FOUND: /);
  });

  it('refuses an invalid reference and an unconfigured registry with one line each', () => {
    const invalid = cascade(['digest', 'Not/Valid'], {});
    const refused = cascade(['digest', '127.0.0.1:9/app:1'], {});

    expect([invalid.status, invalid.stderr]).toEqual([1, expect.stringMatching(/^cascade: INVALID_IMAGE_REF: .*lower case/)]);
    expect([refused.status, refused.stderr]).toEqual([1, expect.stringMatching(/^cascade: REGISTRY_NOT_ALLOWED: /)]);
  });
});
