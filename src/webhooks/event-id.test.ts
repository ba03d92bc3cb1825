import { eventIdOf, sha256Id } from './event-id';

describe('eventIdOf', () => {
  it.each([
    [{ id: 'evt-1', action: 'push' }, 'evt-1'],
    [{ id: '', action: 'push' }, sha256Id('{"id":"","action":"push"}')],
    [{ id: 7, action: 'push' }, sha256Id('{"id":7,"action":"push"}')],
    [{ action: 'push' }, sha256Id('{"action":"push"}')],
    [42, sha256Id('42')],
    [null, sha256Id('null')],
    [['evt-1'], sha256Id('["evt-1"]')],
  ])('%j → %s', (event, expected) => {
    const id = eventIdOf(event, 'fallback');

    expect(id).toBe(expected);
  });

  it('falls back when the value is too deeply nested to serialise', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`) as unknown;

    const id = eventIdOf(deep, 'sha256:body#3');

    expect(id).toBe('sha256:body#3');
  });
});
