import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * One `user:bcrypt-hash` line for the registry's `auth.htpasswd`, which accepts bcrypt only.
 * Node has no bcrypt; perl-base is Essential on Debian and its `crypt` is libxcrypt's, which does
 * `$2b$`, so no npm dependency is needed. Cost 5 keeps each login check around a millisecond.
 */
export function htpasswdLine(username: string, password: string): string {
  const salt = Array.from(randomBytes(22), (byte) => BCRYPT_ALPHABET[byte % 64]).join('');
  // The 22nd salt character carries only 2 bits: pick a canonical one so the hash echoes our salt.
  const setting = `$2b$05$${salt.slice(0, 21)}${'.Oeu'[(randomBytes(1)[0] ?? 0) % 4]}`;
  const hash = execFileSync('perl', ['-e', 'print crypt($ARGV[0], $ARGV[1])', password, setting], { encoding: 'utf8' });
  if (!hash.startsWith('$2b$05$')) throw new Error(`perl crypt did not produce a bcrypt hash: ${hash}`);
  return `${username}:${hash}\n`;
}
