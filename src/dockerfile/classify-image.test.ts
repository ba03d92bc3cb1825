import { classifyImage } from './classify-image';

const D = `sha256:${'a'.repeat(64)}`;
const expanded = (text: string) => ({ ok: true as const, text });

describe('classifyImage', () => {
  it.each([
    ['node', 'docker.io', 'library/node', 'latest'],
    ['node:20-alpine', 'docker.io', 'library/node', '20-alpine'],
    ['myregistry.azurecr.io/baseimages/node:15-alpine', 'myregistry.azurecr.io', 'baseimages/node', '15-alpine'],
    ['localhost:5000/app', 'localhost:5000', 'app', 'latest'],
    ['scratchy', 'docker.io', 'library/scratchy', 'latest'],
  ])('%s is a tag that can trigger', (text, registry, repository, tag) => {
    expect(classifyImage(expanded(text))).toEqual({ ok: true, ref: { registry, repository, tag, digest: null } });
  });

  it.each([
    ['scratch', 'scratch', /empty image/],
    ['SCRATCH', 'scratch', /empty image/],
    [`node@${D}`, 'pinned', new RegExp(D)],
    [`node:20@${D}`, 'pinned', new RegExp(D)],
    [`localhost:5000/app:v1@${D}`, 'pinned', new RegExp(D)],
    ['Node:20', 'invalid', /lower case/],
    ['node:', 'invalid', /invalid tag/],
    ['/node:20', 'invalid', /empty path component/],
    ['node@sha256:abc', 'invalid', /invalid digest/],
  ])('%s is skipped as %s', (text, reason, detail) => {
    const result = classifyImage(expanded(text));

    expect(result).toMatchObject({ ok: false, reason, text });
    if (!result.ok) expect(result.detail).toMatch(detail);
  });

  it('passes an expansion that already failed through unchanged', () => {
    const failed = { ok: false as const, reason: 'unresolved' as const, text: '${X}', detail: 'ARG X has no value.' };

    expect(classifyImage(failed)).toBe(failed);
  });
});
