import { createHmac } from 'node:crypto';

/**
 * HMAC-SHA256 over `${t}.${body}`: the timestamp is signed with the body so a captured request
 * cannot be replayed later under a fresh `t`.
 */
export function signatureDigest(secret: string, t: number, body: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(`${t}.`).update(body).digest();
}
