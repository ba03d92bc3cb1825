import { parseAuthChallenge } from './auth-challenge';

describe('parseAuthChallenge', () => {
  it.each([
    ['Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/node:pull"',
      { scheme: 'bearer', realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/node:pull' }],
    ['bearer realm="http://127.0.0.1:1/t"', { scheme: 'bearer', realm: 'http://127.0.0.1:1/t', service: null, scope: null }],
    ['Bearer realm=https://a/t, service=reg', { scheme: 'bearer', realm: 'https://a/t', service: 'reg', scope: null }],
    ['Bearer realm="https://a/t",scope="repository:a:pull,push"', { scheme: 'bearer', realm: 'https://a/t', service: null, scope: 'repository:a:pull,push' }],
    ['Basic realm="Registry Realm"', { scheme: 'basic' }],
    ['Bearer service="x"', { scheme: 'unknown' }],
    ['Negotiate', { scheme: 'unknown' }],
    ['', { scheme: 'unknown' }],
  ])('%s', (header, expected) => {
    expect(parseAuthChallenge(header)).toEqual(expected);
  });

  it('treats a missing header as unknown', () => {
    expect(parseAuthChallenge(null)).toEqual({ scheme: 'unknown' });
  });
});
