import { discoverDependencies } from '../dockerfile';
import { discoverForPlatforms } from './discover-for-platforms';

const discover = (text: string, platform: string, extra: { buildArgs?: Record<string, string>; target?: string } = {}) =>
  discoverForPlatforms(text, { buildArgs: extra.buildArgs ?? {}, target: extra.target ?? null, platform });
const summary = (text: string, platform: string) => discover(text, platform).dependencies.map(({ ref, type, pulls }) => ({ ref, type, pulls }));

describe('discoverForPlatforms', () => {
  it('gives a single-platform task what discoverDependencies gives, with the platform it pulls', () => {
    const text = 'FROM golang:1.23 AS build\nFROM --platform=linux/arm64 alpine:3.20\nCOPY --from=build /app /app\n';

    const { dependencies, skipped, error } = discover(text, 'linux/amd64');

    const alone = discoverDependencies(text, { platform: 'linux/amd64' });
    expect(dependencies.map(({ pulls: _pulls, ...dependency }) => dependency)).toEqual(alone.dependencies);
    expect(dependencies.map(({ ref, pulls }) => [ref, pulls])).toEqual([['docker.io/library/alpine:3.20', ['linux/arm64/v8']], ['docker.io/library/golang:1.23', ['linux/amd64']]]);
    expect({ skipped, error }).toEqual({ skipped: alone.skipped, error: null });
  });

  it('finds the base of each platform when the FROM names the architecture', () => {
    const text = 'ARG TARGETARCH\nFROM reg.example/base-${TARGETARCH}:1\n';

    expect(summary(text, 'linux/amd64,linux/arm64')).toEqual([
      { ref: 'reg.example/base-amd64:1', type: 'RunTime', pulls: ['linux/amd64'] },
      { ref: 'reg.example/base-arm64:1', type: 'RunTime', pulls: ['linux/arm64/v8'] },
    ]);
  });

  it('records a base every platform builds on once, with all the platforms pulled', () => {
    expect(summary('FROM alpine:3.20\n', 'linux/amd64, linux/arm64,linux/amd64')).toEqual([
      { ref: 'docker.io/library/alpine:3.20', type: 'RunTime', pulls: ['linux/amd64', 'linux/arm64/v8'] },
    ]);
  });

  it('keeps the build platform of the first platform for every target, as one agent builds them all', () => {
    const text = 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETARCH\nRUN GOARCH=$TARGETARCH go build\nFROM alpine:3.20\nCOPY --from=build /app /app\n';

    expect(summary(text, 'linux/amd64,linux/arm64')).toEqual([
      { ref: 'docker.io/library/alpine:3.20', type: 'RunTime', pulls: ['linux/amd64', 'linux/arm64/v8'] },
      { ref: 'docker.io/library/golang:1.23', type: 'BuildTime', pulls: ['linux/amd64'] },
    ]);
  });

  it('makes a base runtime when one platform\'s build has it as its runtime base', () => {
    const text = [
      'ARG TARGETARCH',
      'FROM reg.example/tools:1 AS tools',
      'FROM reg.example/base:1 AS base-amd64',
      'FROM tools AS base-arm64',
      'FROM base-${TARGETARCH}',
      'COPY --from=tools /bin/x /bin/x',
    ].join('\n');

    expect(summary(text, 'linux/amd64,linux/arm64')).toEqual([
      { ref: 'reg.example/base:1', type: 'RunTime', pulls: ['linux/amd64'] },
      { ref: 'reg.example/tools:1', type: 'RunTime', pulls: ['linux/amd64', 'linux/arm64/v8'] },
    ]);
  });

  it('passes a discovery error on, and lets the task\'s own build args win', () => {
    expect(discover('FROM alpine:3.20\n', 'linux/amd64,linux/arm64', { target: 'nope' }).error?.code).toBe('target-not-found');
    expect(summary('ARG TARGETARCH\nFROM reg.example/base-${TARGETARCH}:1\n', 'linux/amd64')).toEqual([{ ref: 'reg.example/base-amd64:1', type: 'RunTime', pulls: ['linux/amd64'] }]);
    expect(discover('ARG TARGETARCH\nFROM reg.example/base-${TARGETARCH}:1\n', 'linux/amd64,linux/arm64', { buildArgs: { TARGETARCH: 'riscv64' } }).dependencies.map(({ ref }) => ref))
      .toEqual(['reg.example/base-riscv64:1']);
  });
});
