import { timingSafeEqual } from 'node:crypto';
import { CascadeError } from '../errors';
import { signatureDigest } from './signature-digest';

export interface VerifyCascadeSignatureInput {
  readonly secret: string;
  /** The `Cascade-Signature` header as the HTTP framework hands it over. */
  readonly header: string | readonly string[] | null | undefined;
  /** The raw body, exactly as received: not a re-serialised parse. */
  readonly body: string | Buffer;
  /** How far `t` may be from now, either way; bounds the replay window. */
  readonly toleranceSeconds?: number;
  readonly now?: () => Date;
}

export type VerifyCascadeSignatureResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'expired' | 'mismatch' };

const T = /^\d{1,12}$/;
const V1 = /^[0-9a-f]{64}$/i;

/**
 * The receiver's check of a Cascade notification; call it before `JSON.parse`. Several `v1`
 * entries are accepted (any may match) so a receiver keeps working while a sender adds one
 * per secret during a rotation. Throws only for an empty secret (a configuration fault).
 */
export function verifyCascadeSignature(input: VerifyCascadeSignatureInput): VerifyCascadeSignatureResult {
  if (input.secret === '') throw new CascadeError('CONFIG_INVALID', 'the update-trigger secret is empty');
  const { header } = input;
  if (header === undefined || header === null || header === '') return { ok: false, reason: 'missing' };
  // A repeated header is ambiguous: which one did the sender mean?
  if (typeof header !== 'string') return { ok: false, reason: 'malformed' };

  const parsed = parseHeader(header);
  if (parsed === undefined) return { ok: false, reason: 'malformed' };

  const nowSeconds = Math.floor((input.now?.() ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - parsed.t) > (input.toleranceSeconds ?? 300)) return { ok: false, reason: 'expired' };

  const expected = signatureDigest(input.secret, parsed.t, input.body);
  // Equal lengths are guaranteed by V1 (32 bytes), so timingSafeEqual never throws.
  const matches = parsed.v1.some((hex) => timingSafeEqual(Buffer.from(hex, 'hex'), expected));
  return matches ? { ok: true } : { ok: false, reason: 'mismatch' };
}

function parseHeader(header: string): { t: number; v1: string[] } | undefined {
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const [key, value, ...rest] = part.trim().split('=');
    if (value === undefined || rest.length > 0) return undefined;
    if (key === 't') {
      if (t !== undefined || !T.test(value)) return undefined;
      t = Number(value);
    } else if (key === 'v1') {
      if (!V1.test(value)) return undefined;
      v1.push(value);
    }
    // Other keys (a future `v2`) are ignored, so the sender can add schemes without breaking receivers.
  }
  return t === undefined || v1.length === 0 ? undefined : { t, v1 };
}
