import { dependencyPlatforms, taskPlatforms } from './task-platforms';

describe('taskPlatforms', () => {
  it.each([
    ['linux/amd64', ['linux/amd64']],
    ['linux/arm64', ['linux/arm64/v8']],
    ['linux/amd64,linux/arm64', ['linux/amd64', 'linux/arm64/v8']],
    ['linux/amd64, linux/amd64', ['linux/amd64']],
    ['linux/amd64,$TARGETPLATFORM', ['linux/amd64']],
    ['', []],
  ])('%j → %j', (text, expected) => {
    expect(taskPlatforms(text)).toEqual(expected);
  });
});

describe('dependencyPlatforms', () => {
  it.each([
    ['linux/amd64,linux/arm64', null, ['linux/amd64', 'linux/arm64/v8']],
    ['linux/arm64', 'linux/amd64', ['linux/amd64']],
    ['linux/arm64', '$BUILDPLATFORM', ['linux/arm64/v8']],
  ])('task %j, FROM --platform=%j → %j', (task, from, expected) => {
    expect(dependencyPlatforms(task, from)).toEqual(expected);
  });
});
