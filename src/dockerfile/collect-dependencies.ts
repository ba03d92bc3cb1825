import { formatImageRef } from '../image-ref';
import { classifyImage } from './classify-image';
import type { ReferenceSite } from './read-stages';
import { originStage, type StageNode } from './stage-graph';
import type { Dependency, DependencyType, Skipped } from './types';

/**
 * Turns the stages the target needs into dependencies and skips. The target's origin comes
 * first as RunTime; every other distinct image follows as BuildTime in line order, the first
 * occurrence giving the line and platform.
 */
export function collectDependencies(
  nodes: readonly StageNode[],
  used: readonly number[],
  target: number,
): { dependencies: Dependency[]; skipped: Skipped[] } {
  const dependencies: Dependency[] = [];
  const skipped: Skipped[] = [];
  const origin = nodes[originStage(nodes, target)];
  const runtime = origin === undefined ? null : toDependency('RunTime', origin.source.from, origin.source.platform);
  if (runtime !== null) dependencies.push(runtime);

  const seen = new Set(dependencies.map((dependency) => dependency.ref));
  for (const index of used) {
    const node = nodes[index];
    if (node === undefined) continue;
    for (const site of node.externalSites) {
      const classification = classifyImage(site.expansion);
      if (!classification.ok) {
        skipped.push({ text: classification.text, reason: classification.reason, line: site.line, detail: classification.detail });
        continue;
      }
      const platform = site === node.source.from ? node.source.platform : null;
      const dependency = toDependency('BuildTime', site, platform);
      if (dependency !== null && !seen.has(dependency.ref)) {
        seen.add(dependency.ref);
        dependencies.push(dependency);
      }
    }
  }
  return { dependencies, skipped };
}

function toDependency(type: DependencyType, site: ReferenceSite, platform: string | null): Dependency | null {
  const classification = classifyImage(site.expansion);
  if (!classification.ok) return null;
  const { ref } = classification;
  return { type, ref: formatImageRef(ref), registry: ref.registry, repository: ref.repository, tag: ref.tag, line: site.line, platform };
}
