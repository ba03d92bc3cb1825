import { secretEquals } from './secret-equals';

describe('secretEquals', () => {
  it.each([
    ['the same secret', 'c4sc4de-s3cret', 'c4sc4de-s3cret', true],
    ['the same non-ASCII secret', 'pässwörd-🔑', 'pässwörd-🔑', true],
    ['a different secret of the same length', 'c4sc4de-s3creX', 'c4sc4de-s3cret', false],
    ['a prefix of the secret', 'c4sc4de', 'c4sc4de-s3cret', false],
    ['the secret with more after it', 'c4sc4de-s3cret-x', 'c4sc4de-s3cret', false],
    ['a different case', 'C4SC4DE-S3CRET', 'c4sc4de-s3cret', false],
    ['an empty presented secret', '', 'c4sc4de-s3cret', false],
    ['no presented secret', undefined, 'c4sc4de-s3cret', false],
    ['an empty configured secret', '', '', false],
    ['a 10 kB presented secret', 'x'.repeat(10_000), 'c4sc4de-s3cret', false],
  ])('%s → %s', (_name, presented, configured, expected) => {
    const equal = secretEquals(presented, configured);

    expect(equal).toBe(expected);
  });
});
