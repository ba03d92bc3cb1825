import { randomBytes } from 'node:crypto';
import { uuid_to_string } from 'rhea';

/** A Service Bus lock token: the delivery tag on the wire and the canonical uuid the client reports. */
export interface LockToken {
  /** The 16-byte delivery tag, with the first three uuid groups byte-swapped (.NET Guid order). */
  tag: Buffer;
  /** The canonical uuid string: what `message.lockToken` holds and `$management` requests carry. */
  id: string;
}

/**
 * The client turns the delivery tag into `lockToken` by reversing the bytes of the first three
 * groups (Guid.ToByteArray order); sending the swapped bytes lets both sides agree on one string.
 */
export function swapGuidBytes(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  out.writeUInt32BE(bytes.readUInt32LE(0), 0);
  out.writeUInt16BE(bytes.readUInt16LE(4), 4);
  out.writeUInt16BE(bytes.readUInt16LE(6), 6);
  return out;
}

export function newLockToken(): LockToken {
  const canonical = randomBytes(16);
  return { tag: swapGuidBytes(canonical), id: uuid_to_string(canonical) };
}
