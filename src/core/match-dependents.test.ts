import type { Dependent } from '../store/store';
import { describeMatch, matchDependents, type PushToMatch } from './match-dependents';
import { chainRequestKey, imageUpdateRequestKey } from './request-key';
import type { Task, TrackedDependency } from './task';

const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'b'.repeat(64)}`;
const push: PushToMatch = { source: 'distribution', eventId: 'ev1', ref: '127.0.0.1:5000/base:1', digest: NEW, receivedAt: '2026-11-29T00:00:00.000Z', chain: null, maxHops: 8 };

function dependent(name: string, overrides: { type?: 'RunTime' | 'BuildTime'; digest?: string | null; enabled?: boolean; triggerType?: 'Runtime' | 'All' } = {}): Dependent {
  const dependency: TrackedDependency = {
    type: overrides.type ?? 'RunTime', ref: push.ref, registry: '127.0.0.1:5000', repository: 'base', tag: '1',
    digest: overrides.digest === undefined ? OLD : overrides.digest, platform: null,
  };
  const task: Task = {
    id: `id-${name}`, name, images: [], context: '.', dockerfile: 'Dockerfile', buildArgs: {}, target: null, platform: 'linux/amd64',
    agentPool: null, updateTriggerEndpoint: null, updateTriggerPayloadType: 'Default', updateTriggerToken: 'token', timeoutSeconds: 3600,
    baseImageTrigger: { name: 'defaultBaseimageTriggerName', enabled: overrides.enabled ?? true, type: overrides.triggerType ?? 'Runtime' },
    dependencies: [dependency], warnings: [], createdAt: '', updatedAt: '',
  };
  return { task, dependency };
}

describe('matchDependents', () => {
  it.each([
    ['a RunTime base with another digest', {}, true],
    ['a base with no recorded digest', { digest: null }, true],
    ['a base with the same digest', { digest: NEW }, false],
    ['a disabled trigger', { enabled: false }, false],
    ['a BuildTime base under trigger type Runtime', { type: 'BuildTime' as const }, false],
    ['a BuildTime base under trigger type All', { type: 'BuildTime' as const, triggerType: 'All' as const }, true],
    ['a RunTime base under trigger type All', { triggerType: 'All' as const }, true],
  ])('%s → triggered: %s', (_name, overrides, triggered) => {
    const result = matchDependents(push, [dependent('app', overrides)]);

    expect(result.runs.length).toBe(triggered ? 1 : 0);
    expect(result.notTriggered.length).toBe(triggered ? 0 : 1);
  });

  it("records ACR's imageUpdateTrigger, the root event and a deterministic request key", () => {
    const [run] = matchDependents(push, [dependent('app')]).runs;

    expect(run).toEqual({
      taskId: 'id-app', taskName: 'app', trigger: 'Image Update', rootEvent: 'distribution:ev1', hop: 0,
      imageUpdateTrigger: { id: 'ev1', timestamp: push.receivedAt, images: [{ registry: '127.0.0.1:5000', repository: 'base', tag: '1', digest: NEW, previousDigest: OLD }] },
      requestKey: imageUpdateRequestKey('id-app', push.ref, NEW),
    });
    expect(run?.requestKey.length).toBeLessThanOrEqual(128);
  });

  it('gives the same key for a redelivery and another key for another digest or task', () => {
    const key = imageUpdateRequestKey('t', push.ref, NEW);

    expect(imageUpdateRequestKey('t', push.ref, NEW)).toBe(key);
    expect(imageUpdateRequestKey('t', push.ref, OLD)).not.toBe(key);
    expect(imageUpdateRequestKey('u', push.ref, NEW)).not.toBe(key);
  });

  it('continues a chain: the root event carries over, the hop grows, one run per task and root', () => {
    const chained = { ...push, chain: { rootEvent: 'distribution:root', hop: 2 } };

    const [run] = matchDependents(chained, [dependent('app')]).runs;
    const again = matchDependents({ ...chained, eventId: 'ev2', digest: OLD.replace('a', 'c') }, [dependent('app')]).runs[0];

    expect(run).toMatchObject({ rootEvent: 'distribution:root', hop: 3, requestKey: chainRequestKey('id-app', 'distribution:root') });
    expect(again?.requestKey).toBe(run?.requestKey);
  });

  it('stops a chain past the hop limit, with the reason', () => {
    const result = matchDependents({ ...push, chain: { rootEvent: 'distribution:root', hop: 8 } }, [dependent('app')]);

    expect(result.runs).toEqual([]);
    expect(result.notTriggered).toEqual([{ task: 'app', reason: 'hop-limit' }]);
  });

  it('defers a task that also depends on an image rebuilt in the same wave', () => {
    const orgBase = dependent('org-base');
    const orgBaseTask = { ...orgBase.task, images: ['127.0.0.1:5000/org/base:1'] };
    const app = dependent('app', { triggerType: 'All' });
    const appTask = { ...app.task, dependencies: [...app.task.dependencies, { ...app.dependency, type: 'RunTime' as const, ref: '127.0.0.1:5000/org/base:1', repository: 'org/base' }] };

    const result = matchDependents(push, [{ task: orgBaseTask, dependency: orgBase.dependency }, { task: appTask, dependency: { ...app.dependency, type: 'BuildTime' } }]);

    expect(result.runs.map((run) => run.taskName)).toEqual(['org-base']);
    expect(result.deferred).toEqual([{ waitingOn: '127.0.0.1:5000/org/base:1', run: expect.objectContaining({ taskName: 'app', hop: 0 }) }]);
    expect(describeMatch(result)).toContain('app waits for the rebuild of 127.0.0.1:5000/org/base:1');
  });

  it('describes what it found', () => {
    const result = matchDependents(push, [dependent('a'), dependent('b', { enabled: false }), dependent('c', { digest: NEW })]);

    expect(describeMatch(result)).toBe('1 run(s) requested; 1 not triggered (trigger-disabled); 1 not triggered (same-digest)');
  });
});
