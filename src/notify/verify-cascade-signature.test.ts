import { cascadeSignature } from './cascade-signature';
import { verifyCascadeSignature } from './verify-cascade-signature';

const SECRET = 'whsec-test-1';
const NOW = new Date('2026-03-01T12:00:00.000Z');
const T = NOW.getTime() / 1000;
const BODY = '{"task":"web","runId":"cr1","images":[]}';
const now = () => NOW;

describe('verifyCascadeSignature', () => {
  it('accepts the signature Cascade sends, over a string or a Buffer body', () => {
    const header = cascadeSignature(SECRET, T, BODY);

    const fromString = verifyCascadeSignature({ secret: SECRET, header, body: BODY, now });
    const fromBuffer = verifyCascadeSignature({ secret: SECRET, header, body: Buffer.from(BODY), now });

    expect(fromString).toEqual({ ok: true });
    expect(fromBuffer).toEqual({ ok: true });
  });

  it('rejects a tampered body', () => {
    const header = cascadeSignature(SECRET, T, BODY);

    const result = verifyCascadeSignature({ secret: SECRET, header, body: BODY.replace('web', 'api'), now });

    expect(result).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects a signature made with another secret', () => {
    const header = cascadeSignature('another-secret', T, BODY);

    const result = verifyCascadeSignature({ secret: SECRET, header, body: BODY, now });

    expect(result).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects a valid signature whose t was swapped for a fresh one', () => {
    const old = cascadeSignature(SECRET, T - 3600, BODY);
    const header = old.replace(`t=${T - 3600}`, `t=${T}`);

    const result = verifyCascadeSignature({ secret: SECRET, header, body: BODY, now });

    expect(result).toEqual({ ok: false, reason: 'mismatch' });
  });

  it.each([
    ['301 s old', T - 301, 300, 'expired'],
    ['301 s ahead', T + 301, 300, 'expired'],
    ['300 s old', T - 300, 300, 'ok'],
    ['61 s old with a 60 s tolerance', T - 61, 60, 'expired'],
  ])('t %s → %s', (_name, t, toleranceSeconds, expected) => {
    const header = cascadeSignature(SECRET, t, BODY);

    const result = verifyCascadeSignature({ secret: SECRET, header, body: BODY, toleranceSeconds, now });

    expect(result).toEqual(expected === 'ok' ? { ok: true } : { ok: false, reason: expected });
  });

  it('accepts any matching v1 among several (secret rotation) and ignores unknown schemes', () => {
    const good = cascadeSignature(SECRET, T, BODY).split(',')[1];
    const header = `t=${T},v1=${'0'.repeat(64)},${good},v2=whatever`;

    const result = verifyCascadeSignature({ secret: SECRET, header, body: BODY, now });

    expect(result).toEqual({ ok: true });
  });

  it.each([
    [undefined, 'missing'],
    [null, 'missing'],
    ['', 'missing'],
    [['t=1,v1=ab', 't=2,v1=cd'], 'malformed'],
    ['garbage', 'malformed'],
    [`t=${T}`, 'malformed'],
    [`v1=${'a'.repeat(64)}`, 'malformed'],
    [`t=${T},v1=${'a'.repeat(63)}`, 'malformed'],
    [`t=${T},v1=${'g'.repeat(64)}`, 'malformed'],
    [`t=${T},v1=${'a'.repeat(66)}`, 'malformed'],
    [`t=-5,v1=${'a'.repeat(64)}`, 'malformed'],
    [`t=1.5,v1=${'a'.repeat(64)}`, 'malformed'],
    [`t=${T},t=${T},v1=${'a'.repeat(64)}`, 'malformed'],
    [`t=${T},v1=${'a'.repeat(64)}=`, 'malformed'],
    [`t=${T},v1=${'a'.repeat(64)}`, 'mismatch'],
  ])('header %j → %s', (header, reason) => {
    const result = verifyCascadeSignature({ secret: SECRET, header, body: BODY, now });

    expect(result).toEqual({ ok: false, reason });
  });

  it('throws for an empty secret, a configuration fault rather than a bad request', () => {
    const header = cascadeSignature(SECRET, T, BODY);

    const verify = () => verifyCascadeSignature({ secret: '', header, body: BODY, now });

    expect(verify).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
