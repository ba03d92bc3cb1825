import { sign, type KeyObject } from 'node:crypto';

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A compact ES256 JWS. JWS wants the raw R||S signature, not Node's default DER encoding.
 * https://www.rfc-editor.org/rfc/rfc7518#section-3.4
 */
export function signJwt(claims: Record<string, unknown>, privateKey: KeyObject, kid: string): string {
  const signingInput = `${base64url({ typ: 'JWT', alg: 'ES256', kid })}.${base64url(claims)}`;
  const signature = sign('sha256', Buffer.from(signingInput), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
}
