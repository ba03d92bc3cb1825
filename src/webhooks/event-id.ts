import { createHash } from 'node:crypto';

/** `sha256:<hex>` of some bytes: a deterministic id for an event that carries none. */
export function sha256Id(data: string | Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/**
 * The event's own `id` when it is a non-empty string; otherwise the hash of its JSON, so a resend
 * of the same event gets the same id and is deduplicated. `fallback` stands in when the value
 * cannot be serialised (nesting deep enough to overflow the stack).
 */
export function eventIdOf(event: unknown, fallback: string): string {
  const id = isRecord(event) ? event.id : undefined;
  if (typeof id === 'string' && id !== '') return id;
  try {
    return sha256Id(JSON.stringify(event) ?? 'undefined');
  } catch {
    return fallback;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
