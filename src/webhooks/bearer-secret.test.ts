import { bearerSecret } from './bearer-secret';

describe('bearerSecret', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['BEARER abc', 'abc'],
    ['Bearer   abc', 'abc'],
    ['Bearer a b', 'a b'],
    ['  Bearer abc  ', 'abc'],
    ['Bearer', undefined],
    ['Bearer ', undefined],
    ['Bearerabc', undefined],
    ['Basic YWJjOmRlZg==', undefined],
    ['abc', undefined],
    [undefined, undefined],
  ])('%j → %j', (authorization, expected) => {
    const token = bearerSecret({ authorization });

    expect(token).toBe(expected);
  });
});
