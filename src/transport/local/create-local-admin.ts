import { CascadeError } from '../../errors';
import type { LocalQueueStore } from '../../store/local-queue-store';
import type { TransportAdmin } from '../transport';

/** Operators' view of the embedded queue: counts and dead letters straight from the store. */
export function createLocalAdmin(queue: LocalQueueStore, now: () => Date = () => new Date()): TransportAdmin {
  return {
    kind: 'local',
    async queueCounts() {
      const stats = await queue.stats(now());
      return [{ name: 'local', active: stats.active, deadLettered: stats.deadLettered, scheduled: 0, locked: stats.locked }];
    },
    deadLetters: (limit) => queue.deadLetters(limit),
    async resubmit(messageIds) {
      const moved = await queue.resubmitDeadLetters(messageIds, now());
      if (messageIds !== 'all') {
        const missing = messageIds.filter((id) => !moved.includes(id));
        if (missing.length > 0) {
          throw new CascadeError('DEAD_LETTER_NOT_FOUND', `not dead-lettered: ${missing.join(', ')}${moved.length > 0 ? ` (resubmitted: ${moved.join(', ')})` : ''}`);
        }
      }
      return moved;
    },
    async close() {
      // The store is closed by its owner.
    },
  };
}
