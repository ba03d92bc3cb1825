import { createHmac } from 'node:crypto';
import { verifySasToken } from './sas';

const key = { keyName: 'RootManageSharedAccessKey', key: 'k3y' };
const now = 1_700_000_000_000;

function token(audience: string, expirySeconds: number, signingKey = key.key, keyName = key.keyName): string {
  const sr = encodeURIComponent(audience);
  const sig = encodeURIComponent(createHmac('sha256', signingKey).update(`${sr}\n${expirySeconds}`).digest('base64'));
  return `SharedAccessSignature sr=${sr}&sig=${sig}&se=${expirySeconds}&skn=${encodeURIComponent(keyName)}`;
}

describe('verifySasToken', () => {
  it('accepts a token signed with the key, returning its audience and expiry', () => {
    const checked = verifySasToken(token('sb://127.0.0.1:5672/rebuilds', now / 1000 + 3600), key, now);

    expect(checked).toEqual({ ok: true, audience: 'sb://127.0.0.1:5672/rebuilds', expiresAtMs: now + 3_600_000 });
  });

  it.each([
    ['another key', token('sb://h/q', now / 1000 + 60, 'other'), 'invalid signature'],
    ['another key name', token('sb://h/q', now / 1000 + 60, key.key, 'Listen'), "unknown key name 'Listen'"],
    ['an expired token', token('sb://h/q', now / 1000 - 1), 'token expired'],
    ['a JWT', 'Bearer abc', 'not a SharedAccessSignature token'],
    ['a token without a signature', 'SharedAccessSignature sr=x&se=1&skn=RootManageSharedAccessKey', 'token lacks sr, se, skn or sig'],
  ])('refuses %s', (_name, given, reason) => {
    expect(verifySasToken(given, key, now)).toEqual({ ok: false, reason });
  });
});
