import { DockerfileParser } from 'dockerfile-ast';
import { readStages } from './read-stages';
import { findTargetStage, linkStages, originStage, stagesUsedBy } from './stage-graph';

function graph(text: string) {
  const sources = readStages(DockerfileParser.parse(text), new Map(), undefined);
  return { sources, nodes: linkStages(sources) };
}

const external = (text: string) =>
  graph(text).nodes.map((node) => node.externalSites.map((site) => (site.expansion.ok ? site.expansion.text : `${site.expansion.reason}: ${site.expansion.detail}`)));

describe('linkStages', () => {
  it.each([
    ['FROM node AS build\nFROM build', [null, 0]],
    ['FROM node AS Build\nFROM BUILD', [null, 0]],
    ['ARG BASE=build\nFROM node AS build\nFROM ${BASE}', [null, 0]],
    ['FROM later AS first\nFROM node AS later', [null, null]],
    ['FROM node AS same\nFROM same AS same', [null, 0]],
    ['FROM node AS a\nFROM alpine AS a\nFROM a', [null, null, 1]],
  ])('%j links FROM to base stages %j', (text, bases) => {
    expect(graph(text).nodes.map((node) => node.baseStage)).toEqual(bases);
  });

  it.each([
    ['FROM node AS build\nFROM alpine\nCOPY --from=build / /', [0]],
    ['FROM node AS build\nFROM alpine\nCOPY --from=BUILD / /', [0]],
    ['FROM node\nFROM alpine\nCOPY --from=0 / /', [0]],
    ['FROM node\nFROM alpine\nCOPY --from=+0 / /', [0]],
    ['FROM node AS build\nFROM alpine\nRUN --mount=from=build true', [0]],
    ['FROM node\nFROM alpine\nRUN --mount=from=0 true', []],
    ['FROM node\nFROM alpine\nCOPY --from=7 / /', []],
  ])('%j links the last stage to %j', (text, used) => {
    expect(graph(text).nodes.at(-1)?.usedStages).toEqual(used);
  });

  it('"FROM node\\nCOPY --from=later / /\\nFROM alpine AS later" links COPY --from to a later stage', () => {
    expect(graph('FROM node\nCOPY --from=later / /\nFROM alpine AS later').nodes[0]?.usedStages).toEqual([1]);
  });

  it.each([
    ['FROM node\nFROM alpine\nRUN --mount=from=0 true', ['node'], ['alpine', '0']],
    ['FROM node\nFROM alpine\nCOPY --from=7 / /', ['node'], ['alpine', 'invalid: COPY --from=7 names stage 7, but the Dockerfile has 2 stages.']],
    ['FROM node\nCOPY --from=-1 / /', ['node', 'invalid: COPY --from=-1 names stage -1, but the Dockerfile has 1 stage.']],
    // Past int64, strconv.Atoi fails and BuildKit reads an image name.
    ['FROM node\nCOPY --from=99999999999999999999 / /', ['node', '99999999999999999999']],
    ['FROM node\nCOPY --from=alpine:3 / /', ['node', 'alpine:3']],
  ])('%j keeps external sites %j', (text, ...expected) => {
    expect(external(text)).toEqual(expected);
  });
});

describe('findTargetStage', () => {
  const { sources } = graph('FROM node AS build\nFROM alpine AS Final\nFROM busybox AS build\nFROM scratch');

  it.each([
    [undefined, 3],
    ['', 3],
    ['final', 1],
    ['FINAL', 1],
    ['build', 2],
    ['missing', null],
    ['0', null],
  ])('--target %j → stage %j', (target, index) => {
    expect(findTargetStage(sources, target)).toBe(index);
  });
});

describe('stagesUsedBy and originStage', () => {
  it.each([
    ['FROM a AS x\nFROM b AS unused\nFROM x', 2, [0, 2], 0],
    ['FROM a AS x\nFROM x AS y\nFROM y AS z\nFROM z', 3, [0, 1, 2, 3], 0],
    ['FROM a AS x\nFROM b AS y\nCOPY --from=x / /\nFROM c\nRUN --mount=from=y true', 2, [0, 1, 2], 2],
    ['FROM a AS x\nCOPY --from=y / /\nFROM b AS y\nCOPY --from=x / /', 1, [0, 1], 1],
    ['FROM a AS x\nCOPY --from=x / /', 0, [0], 0],
    ['FROM a AS x\nFROM b AS y\nFROM x', 1, [1], 1],
  ])('%j from stage %d uses %j and stands on stage %d', (text, target, used, origin) => {
    const { nodes } = graph(text);

    expect(stagesUsedBy(nodes, target)).toEqual(used);
    expect(originStage(nodes, target)).toBe(origin);
  });
});
