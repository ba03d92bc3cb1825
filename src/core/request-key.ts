import { createHash } from 'node:crypto';

/**
 * One rebuild per (task, base ref, new digest) (DESIGN.md §4): the same key however often the
 * event is redelivered or replayed. It is also the bus message id (≤ 128 characters), so
 * duplicate detection drops resends.
 */
export function imageUpdateRequestKey(taskId: string, ref: string, digest: string): string {
  return `iu-${createHash('sha256').update(`${taskId}\n${ref}\n${digest}`).digest('hex')}`;
}

/**
 * A rebuild further down a chain: one per (task, root event), so a task is rebuilt at most once
 * per root event and a cycle (A FROM B, B FROM A) ends at the second visit.
 */
export function chainRequestKey(taskId: string, rootEvent: string): string {
  return `ch-${createHash('sha256').update(`${taskId}\n${rootEvent}`).digest('hex')}`;
}
