import { signatureDigest } from './signature-digest';

/** The `Cascade-Signature` value for `body` sent at `t` (unix seconds): `t=<t>,v1=<hex>`. */
export function cascadeSignature(secret: string, t: number, body: string | Buffer): string {
  return `t=${t},v1=${signatureDigest(secret, t, body).toString('hex')}`;
}
