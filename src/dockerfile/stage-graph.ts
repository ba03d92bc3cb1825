import type { ReferenceSite, StageSource } from './read-stages';

/** A stage with its references split into other stages and everything outside the Dockerfile. */
export interface StageNode {
  readonly source: StageSource;
  /** The earlier stage this one is built FROM, or null when its base is external. */
  readonly baseStage: number | null;
  /** Stages it copies or mounts from. */
  readonly usedStages: readonly number[];
  /** Sites that name no stage (images, scratch, unresolved, invalid), in line order. */
  readonly externalSites: readonly ReferenceSite[];
}

const STAGE_INDEX = /^[+-]?[0-9]+$/;
/** Go's strconv.Atoi bound: a longer number is no index to BuildKit, so it reads an image name. */
const MAX_INDEX = 9223372036854775807n;

/**
 * Links stage references the way BuildKit does (dockerfile2llb/convert.go): FROM sees only
 * earlier stage names; COPY --from sees every stage name, or a numeric index; RUN --mount
 * from sees every stage name only (a number there is an image name). A repeated name means
 * the last stage that carries it.
 */
export function linkStages(sources: readonly StageSource[]): StageNode[] {
  const allNames = stageNames(sources);
  const earlierNames = new Map<string, number>();
  return sources.map((source) => {
    const external: ReferenceSite[] = [];
    const baseStage = linkFrom(source.from, earlierNames);
    if (baseStage === null) external.push(source.from);
    if (source.name !== null) earlierNames.set(source.name, source.index);

    const usedStages: number[] = [];
    for (const site of source.refs) {
      const linked = linkRef(site, allNames, sources.length);
      if (typeof linked === 'number') usedStages.push(linked);
      else external.push(linked);
    }
    return { source, baseStage, usedStages, externalSites: external };
  });
}

/** The stage `--target` names (case-insensitive), else the last one; null when no stage has that name. */
export function findTargetStage(sources: readonly StageSource[], target: string | undefined): number | null {
  if (typeof target !== 'string' || target === '') return sources.length - 1;
  return stageNames(sources).get(target.toLowerCase()) ?? null;
}

/** Every stage the target needs, the target included, in Dockerfile order. */
export function stagesUsedBy(nodes: readonly StageNode[], target: number): number[] {
  const seen = new Set<number>([target]);
  const queue = [target];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    const node = nodes[next];
    if (node === undefined) continue;
    const neighbours = node.baseStage === null ? node.usedStages : [node.baseStage, ...node.usedStages];
    for (const neighbour of neighbours) {
      if (!seen.has(neighbour)) {
        seen.add(neighbour);
        queue.push(neighbour);
      }
    }
  }
  return [...seen].sort((a, b) => a - b);
}

/** The stage whose external base the target finally stands on (FROM <stage> chains). */
export function originStage(nodes: readonly StageNode[], target: number): number {
  // FROM only names earlier stages, so the chain strictly descends and ends.
  let current = target;
  for (;;) {
    const base = nodes[current]?.baseStage ?? null;
    if (base === null) return current;
    current = base;
  }
}

function stageNames(sources: readonly StageSource[]): Map<string, number> {
  const names = new Map<string, number>();
  for (const source of sources) if (source.name !== null) names.set(source.name, source.index);
  return names;
}

function linkFrom(site: ReferenceSite, earlierNames: ReadonlyMap<string, number>): number | null {
  if (!site.expansion.ok) return null;
  return earlierNames.get(site.expansion.text.toLowerCase()) ?? null;
}

function linkRef(site: ReferenceSite, allNames: ReadonlyMap<string, number>, stageCount: number): number | ReferenceSite {
  if (!site.expansion.ok) return site;
  const text = site.expansion.text;
  if (site.kind !== 'copy' || !isStageIndex(text)) return allNames.get(text.toLowerCase()) ?? site;
  const index = Number(text);
  if (index >= 0 && index < stageCount) return index;
  const detail = `COPY --from=${text} names stage ${index}, but the Dockerfile has ${stageCount} stage${stageCount === 1 ? '' : 's'}.`;
  return { ...site, expansion: { ok: false, reason: 'invalid', text, detail } };
}

function isStageIndex(text: string): boolean {
  if (!STAGE_INDEX.test(text)) return false;
  const value = BigInt(text);
  return value <= MAX_INDEX && value >= -MAX_INDEX - 1n;
}
