import type { RebuildRequest } from '../core/rebuild-message';
import { dependenciesUsed } from './dependencies-used';

const BASE = `sha256:${'1'.repeat(64)}`;
const BUILDER = `sha256:${'2'.repeat(64)}`;
const request = (buildArgs: Record<string, string> = {}): RebuildRequest => ({
  runId: 'cr1',
  task: { id: 't', name: 'app', images: ['localhost:5000/app:1'], context: '.', dockerfile: 'Dockerfile', buildArgs, target: null, platform: 'linux/amd64', agentPool: null, timeoutSeconds: 60 },
  trigger: { type: 'Manual', imageUpdateTrigger: null, rootEvent: null, hop: 0 },
});
const registry = { resolveDigest: async () => ({ digest: BUILDER, mediaType: 'x' }) };
const dockerfile = 'FROM localhost:5000/builder:1 AS build\nFROM localhost:5000/base:1\nCOPY --from=build /a /a\n';

describe('dependenciesUsed', () => {
  it('takes the runtime base and its digest from the pushed image, resolves the others now', async () => {
    const used = await dependenciesUsed(request(), dockerfile, {
      'org.opencontainers.image.base.name': 'localhost:5000/base:1', 'org.opencontainers.image.base.digest': BASE,
    }, registry);

    expect(used).toEqual([
      { type: 'RunTime', ref: 'localhost:5000/base:1', registry: 'localhost:5000', repository: 'base', tag: '1', digest: BASE, platform: null },
      { type: 'BuildTime', ref: 'localhost:5000/builder:1', registry: 'localhost:5000', repository: 'builder', tag: '1', digest: BUILDER, platform: null },
    ]);
  });

  it('falls back to discovery with the run args when the image carries no annotations', async () => {
    const used = await dependenciesUsed(request({ TAG: '2' }), 'ARG TAG=1\nFROM localhost:5000/base:${TAG}\n', {}, registry);

    expect(used.map((d) => [d.type, d.ref, d.digest])).toEqual([['RunTime', 'localhost:5000/base:2', BUILDER]]);
  });

  it('keeps a base whose digest cannot be resolved, with no digest', async () => {
    const used = await dependenciesUsed(request(), 'FROM localhost:5000/base:1\n', {}, { resolveDigest: async () => { throw new Error('down'); } });

    expect(used.map((d) => d.digest)).toEqual([null]);
  });
});
