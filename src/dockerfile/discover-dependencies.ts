import { DockerfileParser } from 'dockerfile-ast';
import { collectDependencies } from './collect-dependencies';
import { readStages } from './read-stages';
import { findTargetStage, linkStages, stagesUsedBy } from './stage-graph';
import type { DiscoveryOptions, DiscoveryResult } from './types';

/**
 * The base images a task's Dockerfile depends on, resolved with the task's build args, target
 * and platform (DESIGN.md §1 "Discovery"). Total: whatever the text, the answer is a value —
 * unresolvable references are `skipped` with a reason, and a fault in discovery itself comes
 * back as error `internal` rather than an exception.
 */
export function discoverDependencies(text: string, options: DiscoveryOptions = {}): DiscoveryResult {
  try {
    return discover(typeof text === 'string' ? text : '', options ?? {});
  } catch (caught) {
    const message = caught instanceof Error ? caught.message : String(caught);
    return { dependencies: [], skipped: [], error: { code: 'internal', message: `Dependency discovery failed: ${message}` } };
  }
}

function discover(text: string, options: DiscoveryOptions): DiscoveryResult {
  const sources = readStages(DockerfileParser.parse(text), buildArgMap(options.buildArgs), options.platform);
  if (sources.length === 0) {
    return { dependencies: [], skipped: [], error: { code: 'no-stages', message: 'The Dockerfile has no FROM instruction.' } };
  }
  const target = findTargetStage(sources, options.target);
  if (target === null) {
    const message = `The target stage "${String(options.target)}" is not named by any FROM … AS in the Dockerfile.`;
    return { dependencies: [], skipped: [], error: { code: 'target-not-found', message } };
  }
  const nodes = linkStages(sources);
  return { ...collectDependencies(nodes, stagesUsedBy(nodes, target), target), error: null };
}

/** Build args arrive from API callers: keep string values only, and never read the prototype. */
function buildArgMap(buildArgs: DiscoveryOptions['buildArgs']): Map<string, string> {
  const map = new Map<string, string>();
  if (typeof buildArgs !== 'object' || buildArgs === null) return map;
  for (const [name, value] of Object.entries(buildArgs)) if (typeof value === 'string') map.set(name, value);
  return map;
}
