import { pollEvent } from './poll-event';

const change = {
  ref: 'docker.io/library/node:20', digest: `sha256:${'b'.repeat(64)}`, mediaType: 'application/vnd.oci.image.index.v1+json',
  previous: `sha256:${'a'.repeat(64)}`, reconciled: false, receivedAt: '2026-03-01T00:00:00.000Z',
};

describe('pollEvent', () => {
  it('is an ImagePushed from source poll', () => {
    expect(pollEvent(change)).toEqual({
      source: 'poll', eventId: expect.stringMatching(/^poll:[0-9a-f]{32}$/), ref: change.ref, digest: change.digest,
      mediaType: change.mediaType, receivedAt: change.receivedAt,
    });
  });

  it('gets the same id when the same change is detected again, later', () => {
    expect(pollEvent({ ...change, receivedAt: '2026-03-02T00:00:00.000Z' }).eventId).toBe(pollEvent(change).eventId);
  });

  it.each([
    ['another digest', { digest: `sha256:${'c'.repeat(64)}` }],
    ['another previous digest', { previous: null }],
    ['another ref', { ref: 'docker.io/library/node:22' }],
  ])('gets another id for %s', (_name, other) => {
    expect(pollEvent({ ...change, ...other }).eventId).not.toBe(pollEvent(change).eventId);
  });

  it('marks reconciliation\'s events by their id', () => {
    expect(pollEvent({ ...change, reconciled: true }).eventId).toMatch(/^reconcile:[0-9a-f]{32}$/);
  });
});
