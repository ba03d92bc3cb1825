import { shownCommand } from './shown-command';

describe('shownCommand', () => {
  it('hides build-arg values and nothing else', () => {
    expect(shownCommand('buildah', ['bud', '--build-arg', 'TOKEN=s3cret', '--build-arg', 'PLAIN', '-t', 'r/a:1', '.'])).toBe('buildah bud --build-arg TOKEN=… --build-arg PLAIN=… -t r/a:1 .');
  });
});
