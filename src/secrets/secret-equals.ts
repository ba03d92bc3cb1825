import { createHash, timingSafeEqual } from 'node:crypto';

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Compares a presented secret with the configured one in constant time (STYLE.md habit 1).
 * Both sides are hashed first, so `timingSafeEqual` always gets equal lengths: it never throws
 * and the secret's length does not leak. An empty configured secret never matches, so a blank
 * setting cannot open an endpoint.
 */
export function secretEquals(presented: string | undefined, configured: string): boolean {
  if (presented === undefined || configured === '') return false;
  return timingSafeEqual(sha256(presented), sha256(configured));
}
