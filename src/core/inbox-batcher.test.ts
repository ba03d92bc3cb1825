import type { AppendResult } from '../store/store';
import { createInboxBatcher } from './inbox-batcher';
import type { ImagePushed } from './image-pushed';

const push = (eventId: string): ImagePushed => ({ source: 'acr', eventId, ref: 'docker.io/library/node:20', digest: null, mediaType: null, receivedAt: '' });

describe('createInboxBatcher', () => {
  it('writes deliveries of one turn in one call and answers each with its own result', async () => {
    const calls: number[] = [];
    const batcher = createInboxBatcher({
      appendDeliveries: async (deliveries) => {
        calls.push(deliveries.length);
        return deliveries.map((d): AppendResult => ({ stored: d.events.length, duplicates: 0 }));
      },
    });

    const results = await Promise.all([batcher.append([push('a')], []), batcher.append([push('b'), push('c')], []), batcher.append([], [])]);

    expect(calls).toEqual([3]);
    expect(results).toEqual([{ stored: 1, duplicates: 0 }, { stored: 2, duplicates: 0 }, { stored: 0, duplicates: 0 }]);
  });

  it('splits at the batch size and rejects every caller of a failed write', async () => {
    const calls: number[] = [];
    const batcher = createInboxBatcher({
      appendDeliveries: async (deliveries) => {
        calls.push(deliveries.length);
        throw new Error('disk full');
      },
    }, 2);

    const results = await Promise.allSettled([1, 2, 3].map((i) => batcher.append([push(String(i))], [])));

    expect(calls).toEqual([2, 1]);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
  });
});
