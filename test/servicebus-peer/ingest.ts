import type { Message } from 'rhea';
import type { SendTarget } from './namespace';
import { withMessageId } from './wire-message';

/**
 * Accepts one sent message into a queue or topic: assigns a message id when absent, drops a
 * duplicate id inside the detection window (accepted, silently), fans a topic message out to
 * every subscription whose filter matches. Returns the sequence number, or undefined when dropped.
 */
export function ingest(target: SendTarget, message: Message, nowMs: number): number | undefined {
  withMessageId(message);
  target.stats.received += 1;
  if (target.dedup?.isDuplicate(String(message.message_id), nowMs)) {
    target.stats.duplicatesDropped += 1;
    return undefined;
  }
  const seq = target.nextSeq++;
  for (const queue of target.route(message)) queue.enqueue(message, nowMs, seq);
  return seq;
}
