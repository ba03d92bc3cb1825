import type { IgnoredEvent, ImagePushed } from './image-pushed';
import type { AppendResult, Store } from '../store/store';

interface Waiting {
  readonly delivery: { readonly events: readonly ImagePushed[]; readonly ignored: readonly IgnoredEvent[] };
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for the inbox: deliveries that arrive while the previous write is in flight (or
 * in the same turn of the event loop) are written in one transaction, so one sync of the log
 * acknowledges all of them. Each caller still answers only after its own events are stored.
 */
export function createInboxBatcher(store: Pick<Store, 'appendDeliveries'>, maxBatch = 256) {
  const queue: Waiting[] = [];
  let scheduled = false;
  let writing = false;

  const schedule = () => {
    if (scheduled || writing) return;
    scheduled = true;
    setImmediate(flush);
  };

  async function flush(): Promise<void> {
    scheduled = false;
    writing = true;
    const batch = queue.splice(0, maxBatch);
    try {
      const results = await store.appendDeliveries(batch.map((waiting) => waiting.delivery));
      batch.forEach((waiting, i) => waiting.resolve(results[i]!));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      writing = false;
      if (queue.length > 0) schedule();
    }
  }

  return {
    append(events: readonly ImagePushed[], ignored: readonly IgnoredEvent[]): Promise<AppendResult> {
      return new Promise((resolve, reject) => {
        queue.push({ delivery: { events, ignored }, resolve, reject });
        schedule();
      });
    },
  };
}
