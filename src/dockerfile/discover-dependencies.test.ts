import { discoverDependencies } from './discover-dependencies';
import type { DiscoveryOptions } from './types';

const D = `sha256:${'a'.repeat(64)}`;

/** One line per dependency (`type ref @line [platform]`) and per skip (`reason text @line`). */
function discover(text: string, options?: DiscoveryOptions): { dependencies: string[]; skipped: string[] } {
  const result = discoverDependencies(text, options);
  expect(result.error).toBeNull();
  return {
    dependencies: result.dependencies.map((d) => `${d.type} ${d.ref} @${d.line}${d.platform === null ? '' : ` ${d.platform}`}`),
    skipped: result.skipped.map((s) => `${s.reason} ${s.text} @${s.line}`),
  };
}

type Row = [text: string, options: DiscoveryOptions, dependencies: string[], skipped: string[]];
const runRows = (rows: Row[]) =>
  it.each(rows)('%j with %j', (text, options, dependencies, skipped) => {
    expect(discover(text, options)).toEqual({ dependencies, skipped });
  });

describe('discoverDependencies: global ARGs and build args', () => {
  runRows([
    ['ARG BASE=node:20\nFROM $BASE', {}, ['RunTime docker.io/library/node:20 @2'], []],
    ['ARG TAG=18\nFROM node:${TAG}', { buildArgs: { TAG: '20' } }, ['RunTime docker.io/library/node:20 @2'], []],
    ['ARG TAG\nFROM node:${TAG}', { buildArgs: { TAG: '20' } }, ['RunTime docker.io/library/node:20 @2'], []],
    ['ARG TAG\nFROM node:${TAG}', {}, [], ['unresolved node:${TAG} @2']],
    ['FROM node:${TAG}', { buildArgs: { TAG: '20' } }, [], ['unresolved node:${TAG} @1']],
    ['ARG TAG=\nFROM node:${TAG:-20}', {}, ['RunTime docker.io/library/node:20 @2'], []],
    ['FROM node:${TAG:-20}', {}, ['RunTime docker.io/library/node:20 @1'], []],
    ['ARG FLAVOR=slim\nFROM node:20${FLAVOR:+-alpine}', {}, ['RunTime docker.io/library/node:20-alpine @2'], []],
    ['ARG FLAVOR\nFROM node:20${FLAVOR:+-alpine}', {}, ['RunTime docker.io/library/node:20 @2'], []],
    ['ARG V=20\nARG IMAGE=node:${V}\nFROM $IMAGE', {}, ['RunTime docker.io/library/node:20 @3'], []],
    ['ARG V\nARG IMAGE=node:${V}-alpine\nFROM $IMAGE', {}, [], ['unresolved $IMAGE @3']],
    ['ARG IMAGE=node:20\nFROM ${IMAGE:?}', {}, ['RunTime docker.io/library/node:20 @2'], []],
    ['FROM ${IMAGE:?required}', {}, [], ['unresolved ${IMAGE:?required} @1']],
    // FROM's arguments split on whitespace before substitution, in BuildKit too.
    ['FROM ${IMAGE:?is required}', {}, [], ['invalid ${IMAGE:?is @1']],
    ['FROM ${IMAGE#x}', {}, [], ['unresolved ${IMAGE#x} @1']],
    ['FROM "node:20"', {}, ['RunTime docker.io/library/node:20 @1'], []],
    ['FROM node:\\$TAG', {}, [], ['invalid node:$TAG @1']],
    ['FROM node:${TAG', {}, [], ['invalid node:${TAG @1']],
    ['ARG EMPTY=\nFROM $EMPTY', {}, [], ['unresolved $EMPTY @2']],
    ['FROM node:20 AS a\nARG V=alpine\nFROM $V', {}, [], ['unresolved $V @3']],
    ['FROM node:20 AS a\nARG V=alpine\nFROM $V', { buildArgs: { V: 'busybox' } }, [], ['unresolved $V @3']],
    ['ARG V=a\nARG V=alpine\nFROM $V', {}, ['RunTime docker.io/library/alpine:latest @3'], []],
  ]);
});

describe('discoverDependencies: automatic platform ARGs', () => {
  runRows([
    ['FROM --platform=$BUILDPLATFORM golang:1.22', {}, ['RunTime docker.io/library/golang:1.22 @1 linux/amd64'], []],
    ['FROM --platform=$BUILDPLATFORM golang:1.22', { platform: 'linux/arm64/v8' }, ['RunTime docker.io/library/golang:1.22 @1 linux/arm64/v8'], []],
    ['FROM --platform=linux/arm64 node', {}, ['RunTime docker.io/library/node:latest @1 linux/arm64'], []],
    ['FROM node', { platform: 'linux/arm64' }, ['RunTime docker.io/library/node:latest @1'], []],
    ['FROM app:${TARGETOS}-${TARGETARCH}-${TARGETVARIANT}', { platform: 'linux/arm64/v8' }, ['RunTime docker.io/library/app:linux-arm64-v8 @1'], []],
    ['FROM app:${BUILDOS}-${BUILDARCH}${BUILDVARIANT:+-}${BUILDVARIANT}', {}, ['RunTime docker.io/library/app:linux-amd64 @1'], []],
    ['FROM app:$TARGETARCH', { buildArgs: { TARGETARCH: 's390x' } }, ['RunTime docker.io/library/app:s390x @1'], []],
    ['ARG TARGETARCH\nFROM app:$TARGETARCH', {}, ['RunTime docker.io/library/app:amd64 @2'], []],
    ['ARG TARGETARCH=riscv64\nFROM app:$TARGETARCH', {}, ['RunTime docker.io/library/app:riscv64 @2'], []],
    ['FROM --platform=$NOPE node', {}, ['RunTime docker.io/library/node:latest @1'], []],
  ]);
});

describe('discoverDependencies: stages, RunTime and BuildTime', () => {
  runRows([
    ['FROM node:20 AS build\nFROM build', {}, ['RunTime docker.io/library/node:20 @1'], []],
    ['FROM node:20 AS Build\nFROM BUILD AS final\nFROM final', {}, ['RunTime docker.io/library/node:20 @1'], []],
    ['ARG BASE=build\nFROM node:20 AS build\nFROM ${BASE}', {}, ['RunTime docker.io/library/node:20 @2'], []],
    ['FROM later AS first\nFROM node AS later\nFROM first', {}, ['RunTime docker.io/library/later:latest @1'], []],
    ['FROM golang:1.22 AS build\nFROM alpine:3\nCOPY --from=build /a /b', {}, ['RunTime docker.io/library/alpine:3 @2', 'BuildTime docker.io/library/golang:1.22 @1'], []],
    ['FROM golang:1.22\nFROM alpine:3\nCOPY --chown=1 --from=0 /a /b', {}, ['RunTime docker.io/library/alpine:3 @2', 'BuildTime docker.io/library/golang:1.22 @1'], []],
    ['FROM alpine:3\nCOPY --link --from=nginx:1.27 /etc/nginx /etc/nginx', {}, ['RunTime docker.io/library/alpine:3 @1', 'BuildTime docker.io/library/nginx:1.27 @2'], []],
    ['FROM golang AS tools\nFROM alpine\nRUN --mount=type=cache,target=/root/.cache,from=tools make', {}, ['RunTime docker.io/library/alpine:latest @2', 'BuildTime docker.io/library/golang:latest @1'], []],
    ['FROM alpine\nRUN --mount=type=bind,from=busybox:1,target=/b --mount=type=cache,target=/c true', {}, ['RunTime docker.io/library/alpine:latest @1', 'BuildTime docker.io/library/busybox:1 @2'], []],
    ['FROM node:20\nCOPY --from=node:20 / /\nFROM alpine AS x\nFROM node:20\nCOPY --from=0 / /', {}, ['RunTime docker.io/library/node:20 @4'], []],
    ['FROM a:1 AS x\nFROM b:1 AS y\nCOPY --from=a:1 / /\nFROM c:1\nCOPY --from=y / /\nCOPY --from=x / /', {}, ['RunTime docker.io/library/c:1 @4', 'BuildTime docker.io/library/a:1 @1', 'BuildTime docker.io/library/b:1 @2'], []],
    ['FROM --platform=linux/arm64 a:1 AS x\nFROM a:1 AS y\nFROM c:1\nCOPY --from=y / /\nCOPY --from=x / /', {}, ['RunTime docker.io/library/c:1 @3', 'BuildTime docker.io/library/a:1 @1 linux/arm64'], []],
    ['FROM golang AS unused\nFROM scratch AS unused2\nFROM node', {}, ['RunTime docker.io/library/node:latest @3'], []],
    ['FROM a AS x\nCOPY --from=y / /\nFROM b AS y\nCOPY --from=x / /\nFROM c\nCOPY --from=x / /', {}, ['RunTime docker.io/library/c:latest @5', 'BuildTime docker.io/library/a:latest @1', 'BuildTime docker.io/library/b:latest @3'], []],
    ['FROM node AS first\nCOPY --from=later / /\nFROM alpine AS later', { target: 'first' }, ['RunTime docker.io/library/node:latest @1', 'BuildTime docker.io/library/alpine:latest @3'], []],
  ]);
});

describe('discoverDependencies: variables in COPY --from and RUN --mount from', () => {
  runRows([
    ['FROM golang AS build\nFROM alpine\nARG FROM_STAGE=build\nCOPY --from=$FROM_STAGE / /', {}, ['RunTime docker.io/library/alpine:latest @2', 'BuildTime docker.io/library/golang:latest @1'], []],
    ['ARG TOOLS=busybox:1\nFROM alpine\nARG TOOLS\nRUN --mount=from=${TOOLS},target=/t true', {}, ['RunTime docker.io/library/alpine:latest @2', 'BuildTime docker.io/library/busybox:1 @4'], []],
    ['ARG TOOLS=busybox:1\nFROM alpine\nCOPY --from=${TOOLS} / /', {}, ['RunTime docker.io/library/alpine:latest @2'], ['unresolved ${TOOLS} @3']],
    ['FROM alpine\nARG TOOLS\nCOPY --from=${TOOLS} / /', { buildArgs: { TOOLS: 'busybox:1' } }, ['RunTime docker.io/library/alpine:latest @1', 'BuildTime docker.io/library/busybox:1 @3'], []],
  ]);
});

describe('discoverDependencies: skipped references', () => {
  runRows([
    ['FROM scratch\nCOPY app /', {}, [], ['scratch scratch @1']],
    ['FROM SCRATCH', {}, [], ['scratch SCRATCH @1']],
    [`FROM node@${D}`, {}, [], [`pinned node@${D} @1`]],
    [`FROM node:20@${D} AS build\nFROM alpine\nCOPY --from=build / /`, {}, ['RunTime docker.io/library/alpine:latest @2'], [`pinned node:20@${D} @1`]],
    [`FROM alpine\nCOPY --from=busybox@${D} / /\nRUN --mount=from=scratch true`, {}, ['RunTime docker.io/library/alpine:latest @1'], [`pinned busybox@${D} @2`, 'scratch scratch @3']],
    ['FROM Node:20', {}, [], ['invalid Node:20 @1']],
    ['FROM node\nCOPY --from=7 / /', {}, ['RunTime docker.io/library/node:latest @1'], ['invalid 7 @2']],
    ['ARG REGISTRY\nFROM ${REGISTRY}/node:20 AS build\nFROM alpine\nCOPY --from=build / /', {}, ['RunTime docker.io/library/alpine:latest @3'], ['unresolved ${REGISTRY}/node:20 @2']],
    ['FROM scratch AS unused\nFROM Bad:Ref AS unused2\nFROM node', {}, ['RunTime docker.io/library/node:latest @3'], []],
  ]);

  it.each([
    ['FROM scratch', 'scratch is the empty image, not an image that can change.'],
    [`FROM node@${D}`, `Pinned to ${D}: a pushed tag never changes it.`],
    ['FROM Node:20', 'invalid repository path component "Node" (repository names must be lower case)'],
    ['ARG REGISTRY\nFROM ${REGISTRY}/node', 'ARG REGISTRY has no value: give it a default or pass the build arg REGISTRY.'],
  ])('%j is skipped because: %s', (text, detail) => {
    expect(discoverDependencies(text).skipped[0]?.detail).toBe(detail);
  });
});

describe('discoverDependencies: syntax', () => {
  runRows([
    ['from node:20 as build\nfrom alpine\ncopy --from=build / /', {}, ['RunTime docker.io/library/alpine:latest @2', 'BuildTime docker.io/library/node:20 @1'], []],
    ['FROM \\\n  node:20 \\\n  AS build\nFROM build', {}, ['RunTime docker.io/library/node:20 @1'], []],
    ['# escape=`\nFROM mcr.microsoft.com/windows/servercore:`\nltsc2022 AS base\nRUN echo `\n  hi\nFROM base', {}, ['RunTime mcr.microsoft.com/windows/servercore:ltsc2022 @2'], []],
    ['# escape=`\nARG TAG=20\nFROM node:`$TAG', {}, [], ['invalid node:$TAG @3']],
    ['FROM node\nRUN <<EOF\nFROM evil\nEOF\nCOPY <<EOT /x\nFROM evil2\nEOT', {}, ['RunTime docker.io/library/node:latest @1'], []],
    ['# a comment\n\nFROM node # trailing words are not a comment', {}, ['RunTime docker.io/library/node:latest @3'], []],
    ['FROM node\nONBUILD COPY --from=evil / /', {}, ['RunTime docker.io/library/node:latest @1'], []],
    ['FROM node:20 AS b\r\nFROM alpine\r\nCOPY --from=b / /\r\n', {}, ['RunTime docker.io/library/alpine:latest @2', 'BuildTime docker.io/library/node:20 @1'], []],
    ['\uFEFF# escape=`\nFROM node:`\n20', {}, ['RunTime docker.io/library/node:20 @2'], []],
  ]);
});

describe('discoverDependencies: the dependency record', () => {
  it('"FROM --platform=$BUILDPLATFORM myregistry.azurecr.io/base/node:20" gives every field', () => {
    const result = discoverDependencies('FROM --platform=$BUILDPLATFORM MyRegistry.AzureCR.io/base/node:20');

    expect(result).toEqual({
      dependencies: [
        {
          type: 'RunTime',
          ref: 'myregistry.azurecr.io/base/node:20',
          registry: 'myregistry.azurecr.io',
          repository: 'base/node',
          tag: '20',
          line: 1,
          platform: 'linux/amd64',
        },
      ],
      skipped: [],
      error: null,
    });
  });
});

describe('discoverDependencies: targets and errors', () => {
  it.each([
    ['FROM golang AS build\nFROM alpine', 'build', ['RunTime docker.io/library/golang:latest @1']],
    ['FROM golang AS Build\nFROM alpine', 'BUILD', ['RunTime docker.io/library/golang:latest @1']],
    ['FROM golang AS build\nFROM alpine', '', ['RunTime docker.io/library/alpine:latest @2']],
    ['FROM golang AS build\nFROM alpine AS build', 'build', ['RunTime docker.io/library/alpine:latest @2']],
  ])('%j with --target %j', (text, target, dependencies) => {
    expect(discover(text, { target }).dependencies).toEqual(dependencies);
  });

  it.each([
    ['FROM golang AS build\nFROM alpine', { target: 'missing' }, 'target-not-found', /"missing"/],
    ['FROM golang AS build\nFROM alpine', { target: '1' }, 'target-not-found', /"1"/],
    ['', {}, 'no-stages', /no FROM/],
    ['ARG A=1\n# only args\nRUN echo', {}, 'no-stages', /no FROM/],
    ['# escape=`\n', { target: 'x' }, 'no-stages', /no FROM/],
  ])('%j with %j is error %s', (text, options, code, message) => {
    const result = discoverDependencies(text, options);

    expect(result).toMatchObject({ dependencies: [], skipped: [], error: { code } });
    expect(result.error?.message).toMatch(message);
  });

  it.each([
    [{ buildArgs: { TAG: 20, OTHER: null } as unknown as Record<string, string> }],
    [{ buildArgs: null as unknown as Record<string, string> }],
    [null as unknown as DiscoveryOptions],
    [{ target: 42 as unknown as string, platform: {} as unknown as string }],
  ])('"ARG TAG=18\\nFROM node:$TAG" with malformed options %j', (options) => {
    expect(discoverDependencies('ARG TAG=18\nFROM node:$TAG', options).dependencies.map((d) => d.ref)).toEqual(['docker.io/library/node:18']);
  });

  it('"FROM node" with options whose getter throws is error internal, not an exception', () => {
    const hostile = Object.defineProperty({}, 'buildArgs', { get: () => { throw new Error('boom'); } }) as DiscoveryOptions;

    const result = discoverDependencies('FROM node', hostile);

    expect(result).toEqual({ dependencies: [], skipped: [], error: { code: 'internal', message: 'Dependency discovery failed: boom' } });
  });

  it('a non-string text is no Dockerfile', () => {
    expect(discoverDependencies(undefined as unknown as string).error?.code).toBe('no-stages');
  });
});
