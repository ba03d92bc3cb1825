import type { ImageUpdateTrigger } from '../core/run';
import { updateTriggerPayload } from './update-trigger-payload';

const AT = new Date('2026-03-01T12:00:00.000Z');
const task = { name: 'web', baseImageTrigger: { name: 'defaultBaseimageTriggerName', enabled: true, type: 'Runtime' as const } };
const imageUpdateTrigger: ImageUpdateTrigger = {
  id: 'acr:evt-1',
  timestamp: '2026-03-01T11:59:58.000Z',
  images: [{ registry: 'docker.io', repository: 'library/node', tag: '20', digest: 'sha256:new', previousDigest: 'sha256:old' }],
};

describe('updateTriggerPayload', () => {
  it('Default: the task, run, trigger and changed images', () => {
    const payload = updateTriggerPayload({ task, run: { id: 'cr7', imageUpdateTrigger }, payload: { type: 'Default' } }, AT);

    expect(payload).toEqual({
      task: 'web',
      runId: 'cr7',
      trigger: { name: 'defaultBaseimageTriggerName', type: 'Runtime' },
      images: [{ registry: 'docker.io', repository: 'library/node', tag: '20', digest: 'sha256:new', previousDigest: 'sha256:old' }],
      timestamp: '2026-03-01T12:00:00.000Z',
    });
  });

  it('Default for a run without imageUpdateTrigger: no images', () => {
    const payload = updateTriggerPayload({ task, run: { id: 'cr8', imageUpdateTrigger: null }, payload: { type: 'Default' } }, AT);

    expect(payload).toMatchObject({ runId: 'cr8', images: [] });
  });

  it('Token: the token and nothing else', () => {
    const payload = updateTriggerPayload({ task, run: { id: 'cr7', imageUpdateTrigger }, payload: { type: 'Token', token: 'tok-123' } }, AT);

    expect(payload).toStrictEqual({ token: 'tok-123' });
  });
});
