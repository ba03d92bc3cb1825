import { createHash, type KeyObject } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The docker/libtrust key ID of a public key: base32 of the first 240 bits of SHA-256 over the DER
 * SubjectPublicKeyInfo, in 12 groups of 4 joined by ':'. distribution 2.8 looks a token's `kid` up among
 * the key IDs of its `rootcertbundle` certificates.
 * https://github.com/docker/libtrust/blob/master/util.go (keyIDFromCryptoKey)
 */
export function libtrustKeyId(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const prefix = createHash('sha256').update(der).digest().subarray(0, 30);
  let bits = '';
  for (const byte of prefix) bits += byte.toString(2).padStart(8, '0');
  const chars = bits.match(/.{5}/g)?.map((chunk) => BASE32[parseInt(chunk, 2)]).join('') ?? '';
  return chars.match(/.{4}/g)?.join(':') ?? '';
}
