import { audiencePath, isAuthorised, type ConnectionContext } from './connection-context';

const now = 1_000_000;

function contextWith(scopes: Record<string, number>): ConnectionContext {
  return { authorised: new Map(Object.entries(scopes)), replyLinks: new Map() };
}

describe('link authorisation from put-token scopes', () => {
  it.each([
    ['sb://127.0.0.1:5672/Rebuilds', 'rebuilds'],
    ['sb://ns.servicebus.windows.net/topic/Subscriptions/sub/', 'topic/subscriptions/sub'],
    ['sb://ns.servicebus.windows.net/', ''],
    ['rebuilds/$management', 'rebuilds/$management'],
  ])('audiencePath(%s) is %s', (audience, path) => {
    expect(audiencePath(audience)).toBe(path);
  });

  it.each([
    ['the entity itself', { rebuilds: now + 1 }, 'rebuilds', true],
    ['its dead-letter queue', { rebuilds: now + 1 }, 'rebuilds/$DeadLetterQueue', true],
    ['its management node', { rebuilds: now + 1 }, 'Rebuilds/$management', true],
    ['any entity, with a namespace token', { '': now + 1 }, 'other', true],
    ['another entity', { rebuilds: now + 1 }, 'rebuilds-2', false],
    ['an entity whose token expired', { rebuilds: now }, 'rebuilds', false],
    ['anything, without a token', {}, 'rebuilds', false],
  ])('a link to %s', (_name, scopes, address, expected) => {
    expect(isAuthorised(contextWith(scopes), address, now)).toBe(expected);
  });
});
