import fc from 'fast-check';
import { formatImageRef } from './image-ref';
import { parseImageRef } from './parse-image-ref';

const D = `sha256:${'a'.repeat(64)}`;
const D2 = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('parseImageRef: valid references and their canonical form', () => {
  it.each([
    ['ubuntu', 'docker.io/library/ubuntu:latest'],
    ['ubuntu:22.04', 'docker.io/library/ubuntu:22.04'],
    ['library/ubuntu', 'docker.io/library/ubuntu:latest'],
    ['docker.io/ubuntu', 'docker.io/library/ubuntu:latest'],
    ['docker.io/library/ubuntu:22.04', 'docker.io/library/ubuntu:22.04'],
    ['index.docker.io/library/node:20', 'docker.io/library/node:20'],
    ['registry-1.docker.io/bitnami/redis', 'docker.io/bitnami/redis:latest'],
    ['registry.hub.docker.com/node:20-alpine', 'docker.io/library/node:20-alpine'],
    ['DOCKER.IO/node', 'docker.io/library/node:latest'],
    ['bitnami/redis:7.2', 'docker.io/bitnami/redis:7.2'],
    ['a/b/c/d:e', 'docker.io/a/b/c/d:e'],
    ['localhost/app', 'localhost/app:latest'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['localhost:5000/team/app:v1', 'localhost:5000/team/app:v1'],
    ['127.0.0.1:5000/base:1', '127.0.0.1:5000/base:1'],
    ['myregistry.azurecr.io/baseimages/node:15-alpine', 'myregistry.azurecr.io/baseimages/node:15-alpine'],
    ['MyRegistry.AzureCR.io/app:v1', 'myregistry.azurecr.io/app:v1'],
    ['mcr.microsoft.com/dotnet/sdk:8.0', 'mcr.microsoft.com/dotnet/sdk:8.0'],
    ['gcr.io/distroless/static-debian12:nonroot', 'gcr.io/distroless/static-debian12:nonroot'],
    ['registry:5000/app', 'registry:5000/app:latest'],
    ['[::1]:5000/app:1', '[::1]:5000/app:1'],
    ['  node:20  ', 'docker.io/library/node:20'],
    ['node:20@' + D, `docker.io/library/node:20@${D}`],
    ['node@' + D, `docker.io/library/node@${D}`],
    ['localhost:5000/app@' + D2, `localhost:5000/app@${D2}`],
    ['localhost:5000/app:v1@' + D2, `localhost:5000/app:v1@${D2}`],
    ['foo_bar/baz__qux/a--b/c.d', 'docker.io/foo_bar/baz__qux/a--b/c.d:latest'],
    ['ubuntu:LATEST_Tag.1-x', 'docker.io/library/ubuntu:LATEST_Tag.1-x'],
    ['ubuntu:_underscore', 'docker.io/library/ubuntu:_underscore'],
    [`ubuntu:${'t'.repeat(128)}`, `docker.io/library/ubuntu:${'t'.repeat(128)}`],
    ['example.com/a', 'example.com/a:latest'],
    ['sub-domain.example.com:443/x/y:z', 'sub-domain.example.com:443/x/y:z'],
  ])('%s → %s', (input, canonical) => {
    const result = parseImageRef(input);

    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(formatImageRef(result.ref)).toBe(canonical);
  });
});

describe('parseImageRef: invalid references give a reason', () => {
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['Ubuntu', /lower case/],
    ['docker.io/Library/ubuntu', /lower case/],
    ['localhost:5000/App', /lower case/],
    ['ubuntu:', /invalid tag/],
    ['ubuntu:-x', /invalid tag/],
    ['ubuntu:.x', /invalid tag/],
    ['ubuntu:a+b', /invalid tag/],
    [`ubuntu:${'t'.repeat(129)}`, /invalid tag/],
    ['ubuntu@sha256:abc', /invalid digest/],
    [`ubuntu@sha256:${'A'.repeat(64)}`, /invalid digest/],
    [`ubuntu@md5:${'a'.repeat(32)}`, /unsupported digest algorithm/],
    ['ubuntu@', /invalid digest/],
    ['@' + D, /repository name is empty/],
    [':tag', /repository name is empty/],
    ['a//b', /empty path component/],
    ['a/', /empty path component/],
    ['localhost:5000/', /empty path component/],
    ['-a/b', /invalid repository path component/],
    ['a_/b', /invalid repository path component/],
    ['a___b', /invalid repository path component/],
    ['a b', /invalid repository path component/],
    ['bad_host.com/app', /invalid registry host/],
    ['-host.com/app', /invalid registry host/],
    ['localhost:99999/app', /invalid registry port/],
    ['localhost:port/app', /invalid registry port/],
    ['a'.repeat(64), /image ID/],
    [`example.com/${'a'.repeat(250)}`, /longer than 255/],
    ['x'.repeat(5000), /too long/],
  ])('%j is invalid', (input, reason) => {
    const result = parseImageRef(input);

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it.each([[null], [undefined], [42], [{}]])('%j is not a string', (input) => {
    expect(parseImageRef(input)).toEqual({ ok: false, reason: 'reference is not a string' });
  });
});

describe('parseImageRef: fields', () => {
  it('splits registry, repository, tag and digest', () => {
    expect(parseImageRef(`localhost:5000/team/app:v1@${D}`)).toEqual({
      ok: true,
      ref: { registry: 'localhost:5000', repository: 'team/app', tag: 'v1', digest: D },
    });
  });

  it('leaves the tag null for a digest-only pin', () => {
    expect(parseImageRef(`node@${D}`)).toEqual({ ok: true, ref: { registry: 'docker.io', repository: 'library/node', tag: null, digest: D } });
  });
});

describe('parseImageRef: properties', () => {
  it('never throws and always returns a value', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const result = parseImageRef(text);
      expect(typeof result.ok).toBe('boolean');
    }), { numRuns: 2000 });
  });

  it('is idempotent: the canonical form parses to itself', () => {
    const component = fc.stringMatching(/^[a-z0-9]+(?:[._-][a-z0-9]+)?$/);
    const name = fc.array(component, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'));
    const tag = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/);
    const host = fc.constantFrom('', 'localhost:5000/', 'example.com/', 'index.docker.io/', 'MCR.microsoft.com/');
    fc.assert(fc.property(host, name, tag, (h, n, t) => {
      const first = parseImageRef(`${h}${n}:${t}`);
      if (!first.ok) return;
      const canonical = formatImageRef(first.ref);
      const second = parseImageRef(canonical);

      expect(second.ok && formatImageRef(second.ref)).toBe(canonical);
    }), { numRuns: 1000 });
  });
});
