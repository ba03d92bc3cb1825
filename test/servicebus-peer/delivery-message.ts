import { types, type Message } from 'rhea';
import type { StoredMessage } from './message-queue';

/**
 * The message as the client receives it: the stored message plus the broker annotations the SDK
 * reads (`x-opt-sequence-number` must be a long) and the header `delivery_count`.
 */
export function deliveryMessage(stored: StoredMessage, deliveryCount: number): Message {
  const annotations: Record<string, unknown> = {
    ...stored.message.message_annotations,
    'x-opt-sequence-number': types.wrap_long(stored.seq),
    'x-opt-enqueued-time': new Date(stored.enqueuedAtMs),
  };
  if (stored.lock) annotations['x-opt-locked-until'] = new Date(stored.lock.untilMs);
  if (stored.state === 'deferred') annotations['x-opt-message-state'] = types.wrap_int(1);
  if (stored.state === 'scheduled') annotations['x-opt-message-state'] = types.wrap_int(2);
  return { ...stored.message, delivery_count: deliveryCount, message_annotations: annotations } as Message;
}

/** A .NET-ticks long (100 ns since 0001-01-01), the encoding of `com.microsoft:locked-until-utc`. */
export function ticksLong(ms: number): unknown {
  const ticks = BigInt(Math.round(ms)) * 10_000n + 621_355_968_000_000_000n;
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(ticks);
  return types.wrap_long(bytes);
}
