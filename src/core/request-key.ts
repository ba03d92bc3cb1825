import { createHash } from 'node:crypto';

/**
 * One rebuild per (task, base ref, new digest) (DESIGN.md §4): the same key however often the
 * event is redelivered or replayed. It is also the bus message id (≤ 128 characters), so
 * duplicate detection drops resends.
 */
export function imageUpdateRequestKey(taskId: string, ref: string, digest: string): string {
  return `iu-${createHash('sha256').update(`${taskId}\n${ref}\n${digest}`).digest('hex')}`;
}
