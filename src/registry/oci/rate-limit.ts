import type { RateLimit } from '../registry-client';

/** `100;w=21600` (Docker Hub) or a bare `100` (IETF RateLimit headers draft). */
function parseQuota(value: string | null): { amount: number | null; window: number | null } {
  if (value === null) return { amount: null, window: null };
  const [amount, ...params] = value.split(';').map((part) => part.trim());
  const window = params.find((param) => param.startsWith('w='));
  return { amount: toInt(amount), window: window ? toInt(window.slice(2)) : null };
}

function toInt(text: string | undefined): number | null {
  if (text === undefined || !/^\d+$/.test(text)) return null;
  return Number(text);
}

/** `Retry-After` is seconds or an HTTP date (RFC 9110 §10.2.3). */
function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const seconds = toInt(value.trim());
  if (seconds !== null) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

export function parseRateLimit(headers: Headers, now = Date.now()): RateLimit | undefined {
  const limit = parseQuota(headers.get('ratelimit-limit'));
  const remaining = parseQuota(headers.get('ratelimit-remaining'));
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now) ?? toInt(headers.get('ratelimit-reset')?.trim());
  if (limit.amount === null && remaining.amount === null && retryAfter === null) return undefined;
  return {
    limit: limit.amount,
    remaining: remaining.amount,
    windowSeconds: limit.window ?? remaining.window,
    retryAfterSeconds: retryAfter,
  };
}
