import { string_to_uuid, uuid_to_string } from 'rhea';
import { newLockToken, swapGuidBytes } from './lock-token';

describe('lock tokens', () => {
  it('swaps the first three groups, as the client does to read a delivery tag', () => {
    const canonical = string_to_uuid('00112233-4455-6677-8899-aabbccddeeff');

    expect(uuid_to_string(swapGuidBytes(canonical))).toBe('33221100-5544-7766-8899-aabbccddeeff');
  });

  it('gives a 16-byte tag that the client reads back as the token id', () => {
    const token = newLockToken();

    expect(token.tag).toHaveLength(16);
    expect(uuid_to_string(swapGuidBytes(token.tag))).toBe(token.id);
  });
});
