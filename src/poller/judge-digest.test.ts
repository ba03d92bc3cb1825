import type { PollState } from '../store/watched-refs';
import { judgeDigest } from './judge-digest';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const C = `sha256:${'c'.repeat(64)}`;
const state = (digest: string): PollState => ({ ref: 'docker.io/library/node:20', registry: 'docker.io', digest, mediaType: null, seenAt: '2026-03-01T00:00:00.000Z' });

describe('judgeDigest', () => {
  it.each([
    ['poll: as last seen', 'poll', state(A), [B], A, { kind: 'unchanged' }],
    ['poll: other than last seen', 'poll', state(A), [A], B, { kind: 'changed', previous: A }],
    ['poll: first sight, as the tasks recorded', 'poll', undefined, [A], A, { kind: 'first-sight' }],
    ['poll: first sight, nothing recorded', 'poll', undefined, [], A, { kind: 'first-sight' }],
    ['poll: first sight, a task recorded another', 'poll', undefined, [A, B], A, { kind: 'changed', previous: B }],
    ['reconcile: as last seen', 'reconcile', state(A), [], A, { kind: 'unchanged' }],
    ['reconcile: a digest a task recorded', 'reconcile', state(A), [B], B, { kind: 'first-sight' }],
    ['reconcile: first sight, nothing recorded', 'reconcile', undefined, [], A, { kind: 'first-sight' }],
    ['reconcile: first sight, unknown to the tasks', 'reconcile', undefined, [A], B, { kind: 'unknown', previous: A }],
    ['reconcile: other than last seen and unknown', 'reconcile', state(A), [B], C, { kind: 'unknown', previous: A }],
  ] as const)('%s', (_name, mode, last, recorded, digest, verdict) => {
    expect(judgeDigest(mode, last, recorded, digest)).toEqual(verdict);
  });
});
