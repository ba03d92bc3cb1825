import { createHmac, timingSafeEqual } from 'node:crypto';

/** The outcome of checking a `SharedAccessSignature` token: a value, never an exception. */
export type SasCheck = { ok: true; audience: string; expiresAtMs: number } | { ok: false; reason: string };

export interface SasKey {
  keyName: string;
  key: string;
}

/**
 * Verifies a SAS token as Service Bus does: `sr`, `se`, `skn` and `sig` = base64 HMAC-SHA256 of
 * `<url-encoded sr>\n<se>` with the key's UTF-8 bytes (core-amqp `createToken`).
 * https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas
 */
export function verifySasToken(token: string, key: SasKey, nowMs: number): SasCheck {
  const prefix = 'SharedAccessSignature ';
  if (!token.startsWith(prefix)) return { ok: false, reason: 'not a SharedAccessSignature token' };
  const fields = new Map<string, string>();
  for (const pair of token.slice(prefix.length).split('&')) {
    const at = pair.indexOf('=');
    if (at > 0) fields.set(pair.slice(0, at), pair.slice(at + 1));
  }
  const sr = fields.get('sr');
  const se = fields.get('se');
  const skn = fields.get('skn');
  const sig = fields.get('sig');
  if (!sr || !se || !skn || !sig) return { ok: false, reason: 'token lacks sr, se, skn or sig' };
  if (safeDecode(skn) !== key.keyName) return { ok: false, reason: `unknown key name '${safeDecode(skn)}'` };
  const expected = createHmac('sha256', key.key).update(`${sr}\n${se}`).digest();
  const given = Buffer.from(safeDecode(sig), 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'invalid signature' };
  }
  const expiresAtMs = Number(se) * 1000;
  if (!Number.isFinite(expiresAtMs) || expiresAtMs <= nowMs) return { ok: false, reason: 'token expired' };
  return { ok: true, audience: safeDecode(sr), expiresAtMs };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
