import { DockerfileParser } from 'dockerfile-ast';
import type { Expansion } from './expand-reference';
import { readStages, type ReferenceSite } from './read-stages';

function read(text: string, buildArgs: Record<string, string> = {}) {
  return readStages(DockerfileParser.parse(text), new Map(Object.entries(buildArgs)), undefined);
}

const shown = (expansion: Expansion) => (expansion.ok ? expansion.text : `${expansion.reason}: ${expansion.text}`);
const sites = (refs: readonly ReferenceSite[]) => refs.map((site) => `${site.kind}@${site.line} ${shown(site.expansion)}`);

describe('readStages: FROM lines', () => {
  it.each([
    ['FROM node:20', 'node:20', null, 1],
    ['from node:20 as Build', 'node:20', 'build', 1],
    ['FROM node:20 AS build', 'node:20', 'build', 1],
    ['FROM node:20 AS', 'node:20', null, 1],
    ['\n\n# base\nFROM node:20', 'node:20', null, 4],
    ['FROM \\\n  node:20 \\\n  AS \\\n  build', 'node:20', 'build', 1],
    ['FROM node:\\\n20 AS bu\\\nild', 'node:20', 'build', 1],
    ['# escape=`\nFROM node:`\n20 AS build', 'node:20', 'build', 2],
    ['FROM', 'invalid: ', null, 1],
    ['FROM --platform=linux/amd64', 'invalid: ', null, 1],
  ])('%j reads image %j, name %j, line %d', (text, image, name, line) => {
    const [stage] = read(text);

    expect(stage).toMatchObject({ index: 0, name, from: { kind: 'from', line } });
    expect(stage && shown(stage.from.expansion)).toBe(image);
  });

  it.each([
    ['FROM --platform=linux/arm64 node', 'linux/arm64'],
    ['FROM --platform=$BUILDPLATFORM node', 'linux/amd64'],
    ['FROM --platform=${TARGETOS}/${TARGETARCH} node', 'linux/amd64'],
    // getPlatformFlag() would be null here: it wants --platform to be the only flag.
    ['FROM --platform=$TARGETPLATFORM --other=x node', 'linux/amd64'],
    ['FROM --platform=$NOPE node', null],
    ['FROM node', null],
  ])('%j reads platform %j', (text, platform) => {
    expect(read(text)[0]?.platform).toBe(platform);
  });

  it('reads heredoc bodies as no instruction: "RUN <<EOF\\nFROM evil\\nEOF"', () => {
    const stages = read('FROM node\nRUN <<EOF\nFROM evil\nEOF\nCOPY <<EOT /x\nFROM evil2\nEOT\n');

    expect(stages).toHaveLength(1);
  });

  it('reads "ONBUILD FROM x" as no stage', () => {
    expect(read('FROM node\nONBUILD FROM evil\nONBUILD COPY --from=evil / /')).toMatchObject([{ refs: [] }]);
  });
});

describe('readStages: COPY --from and RUN --mount from', () => {
  it.each([
    ['FROM a\nCOPY --from=build /x /y', ['copy@2 build']],
    // getFromFlag() is null when COPY has another flag: every flag is read.
    ['FROM a\nCOPY --chown=1:1 --link --from=build /x /y', ['copy@2 build']],
    ['FROM a\nCOPY --from=0 /x /y', ['copy@2 0']],
    ['FROM a\nCOPY --from= /x /y', []],
    ['FROM a\nCOPY --from /x /y', []],
    ['FROM a\nCOPY /x /y', []],
    ['FROM a\nADD --chown=1 x y', []],
    ['FROM a\nCOPY --from=installer ["/a", "/b"]', ['copy@2 installer']],
    ['FROM a\nRUN --mount=type=cache,target=/root/.cache,from=tools make', ['mount@2 tools']],
    ['FROM a\nRUN --mount=type=cache,target=/c --mount=type=bind,from=alpine:3,target=/m make', ['mount@2 alpine:3']],
    ['FROM a\nRUN --network=none --mount=from=x --mount=from=y true', ['mount@2 x', 'mount@2 y']],
    ['FROM a\nRUN --mount=type=cache,target=/c make', []],
    ['FROM a\nRUN \\\n  --mount=type=bind,from=tools,target=/t \\\n  make', ['mount@2 tools']],
    ['COPY --from=early / /\nFROM a', []],
  ])('%j reads %j', (text, expected) => {
    const stages = read(text);

    expect(stages.flatMap((stage) => sites(stage.refs))).toEqual(expected);
  });

  it.each([
    ['ARG V=tools\nFROM a\nCOPY --from=$V / /', ['copy@3 unresolved: $V']],
    ['ARG V=tools\nFROM a\nARG V\nCOPY --from=$V / /', ['copy@4 tools']],
    ['FROM a\nARG V=tools\nCOPY --from=${V} / /', ['copy@3 tools']],
    ['FROM a\nCOPY --from=$V / /\nARG V=tools', ['copy@2 unresolved: $V']],
    ['FROM a\nARG V=tools\nFROM b\nCOPY --from=$V / /', ['copy@4 unresolved: $V']],
    ['FROM a\nARG TARGETARCH\nRUN --mount=from=tools-$TARGETARCH true', ['mount@3 tools-amd64']],
  ])('%j substitutes stage ARGs: %j', (text, expected) => {
    expect(read(text).flatMap((stage) => sites(stage.refs))).toEqual(expected);
  });

  it('reads "FROM a\\nARG V\\nCOPY --from=$V / /" with --build-arg V=tools', () => {
    const stages = read('FROM a\nARG V\nCOPY --from=$V / /', { V: 'tools' });

    expect(sites(stages[0]?.refs ?? [])).toEqual(['copy@3 tools']);
  });
});
