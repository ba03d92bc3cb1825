import { dockerfileInContext } from './dockerfile-in-context';

describe('dockerfileInContext', () => {
  it.each([
    ['Dockerfile', '/ctx/Dockerfile'],
    ['docker/Dockerfile.prod', '/ctx/docker/Dockerfile.prod'],
    ['./a/../Dockerfile', '/ctx/Dockerfile'],
    ['..Dockerfile', '/ctx/..Dockerfile'],
    ['../Dockerfile', null],
    ['/etc/passwd', null],
    ['.', null],
  ])('%s', (dockerfile, path) => {
    expect(dockerfileInContext('/ctx', dockerfile)).toBe(path);
  });
});
