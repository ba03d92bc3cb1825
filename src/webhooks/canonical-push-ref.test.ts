import { canonicalPushRef } from './canonical-push-ref';

const D = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('canonicalPushRef', () => {
  it.each([
    ['contoso.azurecr.io', 'baseimages/node', '20-alpine', D, 'contoso.azurecr.io/baseimages/node:20-alpine'],
    ['Contoso.AzureCR.io', 'app', 'v1', null, 'contoso.azurecr.io/app:v1'],
    ['127.0.0.1:5000', 'base', '1', D, '127.0.0.1:5000/base:1'],
    ['localhost', 'app', 'latest', null, 'localhost/app:latest'],
    ['[::1]:5000', 'app', '1', null, '[::1]:5000/app:1'],
    ['docker.io', 'ubuntu', '24.04', null, 'docker.io/library/ubuntu:24.04'],
    ['index.docker.io', 'library/ubuntu', '24.04', null, 'docker.io/library/ubuntu:24.04'],
    ['registry-1.docker.io', 'contoso/app', 'v1', null, 'docker.io/contoso/app:v1'],
  ])('%s + %s:%s → canonical', (host, repository, tag, digest, ref) => {
    const result = canonicalPushRef({ host, repository, tag, digest });

    expect(result).toEqual({ ok: true, ref, digest });
  });

  it.each([
    ['registry', 'app', '1', null, /"registry" is not a registry host/],
    ['contoso.azurecr.io', 'App', '1', null, /lower case/],
    ['contoso.azurecr.io', 'app', '1@' + D, null, /not well formed/],
    ['contoso.azurecr.io', 'app:1', '2', null, /invalid repository path component/],
    ['contoso.azurecr.io/evil', 'app', '1', null, /is not a registry host/],
    ['contoso.azurecr.io', ' app', '1', null, /invalid/],
    ['contoso.azurecr.io', 'app', '1 ', null, /not well formed/],
    ['contoso.azurecr.io', 'app', '1', 'sha256:abc', /invalid digest/],
    ['contoso.azurecr.io', 'app', '-1', null, /invalid tag/],
    ['bad_host.io', 'app', '1', null, /invalid registry host/],
  ])('%s + %s:%s is refused', (host, repository, tag, digest, reason) => {
    const result = canonicalPushRef({ host, repository, tag, digest });

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
