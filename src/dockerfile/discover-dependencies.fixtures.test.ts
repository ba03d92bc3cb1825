import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverDependencies } from './discover-dependencies';
import type { DiscoveryOptions } from './types';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'dockerfiles');
const XX = 'tonistiigi/xx@sha256:21a61be4744f6531cb5f33b0e6f40ede41fa3a1b8c82d5946178f80cc84bfc04';

function discoverFixture(name: string, options?: DiscoveryOptions) {
  const result = discoverDependencies(readFileSync(join(FIXTURES, name), 'utf8'), options);
  return {
    dependencies: result.dependencies.map((d) => `${d.type} ${d.ref} @${d.line}${d.platform === null ? '' : ` ${d.platform}`}`),
    skipped: result.skipped.map((s) => `${s.reason} ${s.text} @${s.line}`),
    error: result.error,
  };
}

describe('discoverDependencies on real Dockerfiles', () => {
  it.each<[string, DiscoveryOptions, string[], string[]]>([
    ['acr-helloworld-app.Dockerfile', { buildArgs: { REGISTRY_NAME: 'myregistry.azurecr.io' } }, ['RunTime myregistry.azurecr.io/baseimages/node:15-alpine @2'], []],
    ['acr-helloworld-app.Dockerfile', {}, [], ['unresolved ${REGISTRY_NAME}/baseimages/node:15-alpine @2']],
    [
      'dotnet-aspnetapp.Dockerfile',
      {},
      ['RunTime mcr.microsoft.com/dotnet/aspnet:8.0 @17', 'BuildTime mcr.microsoft.com/dotnet/sdk:8.0 @3 linux/amd64'],
      [],
    ],
    ['dotnet-aspnetapp.Dockerfile', { target: 'build', platform: 'linux/arm64' }, ['RunTime mcr.microsoft.com/dotnet/sdk:8.0 @3 linux/arm64'], []],
    [
      'dotnet-aspnet-nanoserver.Dockerfile',
      { platform: 'windows/amd64' },
      [
        'RunTime mcr.microsoft.com/dotnet/runtime:8.0.0-nanoserver-ltsc2022 @27',
        'BuildTime mcr.microsoft.com/windows/servercore:ltsc2022-amd64 @6',
      ],
      [],
    ],
    [
      'dotnet-aspnet-nanoserver.Dockerfile',
      { buildArgs: { REPO: 'myregistry.azurecr.io/mirror/dotnet/runtime' } },
      [
        'RunTime myregistry.azurecr.io/mirror/dotnet/runtime:8.0.0-nanoserver-ltsc2022 @27',
        'BuildTime mcr.microsoft.com/windows/servercore:ltsc2022-amd64 @6',
      ],
      [],
    ],
    [
      'go-distroless.Dockerfile',
      {},
      ['RunTime gcr.io/distroless/static-debian12:latest @23', 'BuildTime docker.io/library/golang:1.22 @3 linux/amd64'],
      [],
    ],
    ['buildx.Dockerfile', {}, ['BuildTime docker.io/library/golang:1.17.0-alpine @11 linux/amd64'], [`pinned ${XX} @9`, 'scratch scratch @45']],
    ['buildx.Dockerfile', { platform: 'windows/amd64' }, ['BuildTime docker.io/library/golang:1.17.0-alpine @11 windows/amd64'], [`pinned ${XX} @9`, 'scratch scratch @51']],
    [
      'buildx.Dockerfile',
      { target: 'shell', buildArgs: { DOCKERD_VERSION: '24.0.7' } },
      [
        'RunTime docker.io/library/alpine:latest @69',
        'BuildTime docker.io/library/golang:1.17.0-alpine @11 linux/amd64',
        'BuildTime docker.io/library/docker:24.0.7 @68',
      ],
      [`pinned ${XX} @9`, 'scratch scratch @45'],
    ],
    [
      'buildx.Dockerfile',
      { target: 'release' },
      ['BuildTime docker.io/library/golang:1.17.0-alpine @11 linux/amd64', 'BuildTime docker.io/library/alpine:latest @57 linux/amd64'],
      [`pinned ${XX} @9`, 'scratch scratch @45', 'scratch scratch @64'],
    ],
    ['buildx.Dockerfile', { target: 'dockerd-release' }, ['RunTime docker.io/library/docker:20.10.8 @68'], []],
    ['buildx.Dockerfile', { target: 'xx' }, [], [`pinned ${XX} @9`]],
    [
      'linkerd-policy-controller.Dockerfile',
      {},
      ['RunTime gcr.io/distroless/cc:latest @15', 'BuildTime docker.io/library/rust:1.59.0 @5'],
      [],
    ],
    ['node-nginx.Dockerfile', {}, ['RunTime docker.io/library/nginx:1.13.9-alpine @16', 'BuildTime docker.io/library/node:9.6.1 @1'], []],
    ['fiftyone-plugins.Dockerfile', {}, ['BuildTime docker.io/library/python:3.10 @3'], ['unresolved ${TEAMS_IMAGE_NAME} @7']],
    [
      'fiftyone-plugins.Dockerfile',
      { buildArgs: { TEAMS_IMAGE_NAME: 'voxel51/fiftyone-app:v1.7.0' } },
      ['RunTime docker.io/voxel51/fiftyone-app:v1.7.0 @7', 'BuildTime docker.io/library/python:3.10 @3'],
      [],
    ],
  ])('%s with %j', (name, options, dependencies, skipped) => {
    const result = discoverFixture(name, options);

    expect(result).toEqual({ dependencies, skipped, error: null });
  });
});
