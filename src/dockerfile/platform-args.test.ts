import { platformArgs } from './platform-args';

describe('platformArgs', () => {
  it.each([
    [undefined, 'linux/amd64', 'linux', 'amd64', ''],
    ['', 'linux/amd64', 'linux', 'amd64', ''],
    ['  ', 'linux/amd64', 'linux', 'amd64', ''],
    ['linux/amd64', 'linux/amd64', 'linux', 'amd64', ''],
    ['linux/arm64/v8', 'linux/arm64/v8', 'linux', 'arm64', 'v8'],
    ['linux/arm/v7', 'linux/arm/v7', 'linux', 'arm', 'v7'],
    ['windows/amd64', 'windows/amd64', 'windows', 'amd64', ''],
    [' linux/s390x ', 'linux/s390x', 'linux', 's390x', ''],
    ['linux', 'linux', 'linux', '', ''],
  ])('%j → %s (os %s, arch %s, variant %j)', (platform, text, os, arch, variant) => {
    const args = platformArgs(platform);

    expect(Object.fromEntries(args)).toEqual({
      TARGETPLATFORM: text,
      TARGETOS: os,
      TARGETARCH: arch,
      TARGETVARIANT: variant,
      BUILDPLATFORM: text,
      BUILDOS: os,
      BUILDARCH: arch,
      BUILDVARIANT: variant,
    });
  });
});
