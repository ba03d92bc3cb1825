import type { PlatformManifest } from '../registry';
import type { Dependent } from '../store/store';
import { describeMatch, matchDependents, type PushToMatch } from './match-dependents';
import type { Task, TrackedDependency } from './task';

// Issue 6 §2: an index push rebuilds only the tasks whose platforms' children changed.
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const OLD_INDEX = digest('a');
const NEW_INDEX = digest('b');
const AMD64 = digest('1');
const ARM64 = digest('2');
const ARM64_NEW = digest('3');
const OCI = 'application/vnd.oci.image.manifest.v1+json';
const push: PushToMatch = { source: 'distribution', eventId: 'ev1', ref: '127.0.0.1:5000/base:1', digest: NEW_INDEX, receivedAt: '2026-11-29T00:00:00.000Z', chain: null, maxHops: 8 };
const children = (entries: Record<string, string>): PlatformManifest[] => Object.entries(entries).map(([platform, d]) => ({ platform, digest: d, mediaType: OCI }));

function dependent(name: string, platformDigests: Record<string, string> | undefined, digestRecorded: string | null = OLD_INDEX): Dependent {
  const dependency: TrackedDependency = {
    type: 'RunTime', ref: push.ref, registry: '127.0.0.1:5000', repository: 'base', tag: '1', digest: digestRecorded, platform: null,
    ...(platformDigests ? { platformDigests } : {}),
  };
  const task: Task = {
    id: `id-${name}`, name, images: [], context: '.', dockerfile: 'Dockerfile', buildArgs: {}, target: null, platform: Object.keys(platformDigests ?? { 'linux/amd64': '' }).join(','),
    agentPool: null, updateTriggerEndpoint: null, updateTriggerPayloadType: 'Default', updateTriggerToken: 'token', timeoutSeconds: 3600,
    baseImageTrigger: { name: 'defaultBaseimageTriggerName', enabled: true, type: 'Runtime' },
    dependencies: [dependency], warnings: [], createdAt: '', updatedAt: '',
  };
  return { task, dependency };
}

const amd64Task = dependent('amd', { 'linux/amd64': AMD64 });
const arm64Task = dependent('arm', { 'linux/arm64/v8': ARM64 });
const bothTask = dependent('both', { 'linux/amd64': AMD64, 'linux/arm64/v8': ARM64 });

describe('matchDependents on an image index', () => {
  it('rebuilds only the task whose platform child changed, and moves the other forward', () => {
    const result = matchDependents({ ...push, children: children({ 'linux/amd64': AMD64, 'linux/arm64/v8': ARM64_NEW }) }, [amd64Task, arm64Task]);

    expect(result.runs.map((run) => run.taskName)).toEqual(['arm']);
    expect(result.runs[0]?.imageUpdateTrigger?.images).toEqual([{
      registry: '127.0.0.1:5000', repository: 'base', tag: '1', digest: NEW_INDEX, previousDigest: OLD_INDEX,
      changedPlatforms: [{ platform: 'linux/arm64/v8', digest: ARM64_NEW, previousDigest: ARM64 }],
    }]);
    expect(result.notTriggered).toEqual([{ task: 'amd', reason: 'platform-unchanged' }]);
    expect(result.dependencyUpdates).toEqual([{ taskId: 'id-amd', ref: push.ref, previousDigest: OLD_INDEX, digest: NEW_INDEX }]);
    expect(describeMatch(result)).toBe('1 run(s) requested; 1 not triggered (platform-unchanged)');
  });

  it('rebuilds nothing when only an attestation or another architecture was added', () => {
    const result = matchDependents({ ...push, children: children({ 'linux/amd64': AMD64, 'linux/arm64/v8': ARM64, 'linux/s390x': digest('9') }) }, [amd64Task, arm64Task, bothTask]);

    expect(result.runs).toEqual([]);
    expect(result.notTriggered.map(({ reason }) => reason)).toEqual(['platform-unchanged', 'platform-unchanged', 'platform-unchanged']);
    expect(result.dependencyUpdates).toHaveLength(3);
  });

  it('rebuilds a task building several platforms when any changed, listing which', () => {
    const result = matchDependents({ ...push, children: children({ 'linux/amd64': AMD64, 'linux/arm64/v8': ARM64_NEW }) }, [bothTask]);

    expect(result.runs[0]?.imageUpdateTrigger?.images[0]?.changedPlatforms).toEqual([{ platform: 'linux/arm64/v8', digest: ARM64_NEW, previousDigest: ARM64 }]);
  });

  it("keys the request on the platform's new child, so another index with that same child is the same request", () => {
    const pushed = children({ 'linux/amd64': AMD64, 'linux/arm64/v8': ARM64_NEW });

    const first = matchDependents({ ...push, children: pushed }, [arm64Task]);
    const withAttestation = matchDependents({ ...push, digest: digest('c'), children: pushed }, [arm64Task]);
    const armChangedAgain = matchDependents({ ...push, digest: digest('d'), children: children({ 'linux/arm64/v8': digest('4') }) }, [arm64Task]);

    expect(withAttestation.runs[0]?.requestKey).toBe(first.runs[0]?.requestKey);
    expect(armChangedAgain.runs[0]?.requestKey).not.toBe(first.runs[0]?.requestKey);
  });

  it('counts a platform the index no longer has as changed', () => {
    const result = matchDependents({ ...push, children: children({ 'linux/amd64': AMD64 }) }, [arm64Task]);

    expect(result.runs[0]?.imageUpdateTrigger?.images[0]?.changedPlatforms).toEqual([{ platform: 'linux/arm64/v8', digest: null, previousDigest: ARM64 }]);
  });

  it('compares the image itself when a single image replaced the index', () => {
    const result = matchDependents({ ...push, children: null }, [amd64Task]);

    expect(result.runs.map((run) => run.imageUpdateTrigger?.images[0]?.changedPlatforms)).toEqual([[{ platform: 'linux/amd64', digest: NEW_INDEX, previousDigest: AMD64 }]]);
  });

  it.each([
    ['children unknown (registry not asked)', undefined, amd64Task],
    ['no children recorded (a task stored before them)', children({ 'linux/amd64': AMD64 }), dependent('old', undefined)],
  ])('falls back to the index digest when %s', (_name, pushed, task) => {
    const result = matchDependents({ ...push, ...(pushed === undefined ? {} : { children: pushed }) }, [task]);

    expect(result.runs).toHaveLength(1);
    expect(result.runs[0]?.imageUpdateTrigger?.images[0]).not.toHaveProperty('changedPlatforms');
  });

  it('still treats the same index digest as no change, without asking about children', () => {
    const result = matchDependents({ ...push, digest: OLD_INDEX, children: children({}) }, [amd64Task]);

    expect(result.notTriggered).toEqual([{ task: 'amd', reason: 'same-digest' }]);
    expect(result.dependencyUpdates).toEqual([]);
  });
});
