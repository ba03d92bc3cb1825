import { Arg, Copy, From, Run, type Dockerfile, type Instruction } from 'dockerfile-ast';
import { createGlobalScope, createStageScope, declareArg, type ArgScope } from './arg-scope';
import { expandReference, type Expansion } from './expand-reference';

/** One place in a stage that names an image or a stage. */
export interface ReferenceSite {
  readonly kind: 'from' | 'copy' | 'mount';
  /** 1-based line of the instruction. */
  readonly line: number;
  readonly expansion: Expansion;
}

export interface StageSource {
  readonly index: number;
  /** The `AS` name, lower-cased: BuildKit matches stage names case-insensitively. */
  readonly name: string | null;
  readonly from: ReferenceSite;
  /** `FROM --platform=` after substitution; null when absent or not resolvable. */
  readonly platform: string | null;
  /** COPY --from and RUN --mount from, in instruction order. */
  readonly refs: ReferenceSite[];
}

interface Walk {
  readonly escape: string;
  readonly buildArgs: ReadonlyMap<string, string>;
  readonly globals: ArgScope;
  readonly stages: StageSource[];
  stageScope: ArgScope;
}

/**
 * Reads every stage with its references already substituted, in one pass over the parsed
 * instructions: global ARGs feed FROM lines; ARGs inside a stage feed that stage's COPY --from
 * and RUN --mount from (best effort: BuildKit itself refuses variables in COPY --from).
 */
export function readStages(dockerfile: Dockerfile, buildArgs: ReadonlyMap<string, string>, platform: string | undefined): StageSource[] {
  const walk: Walk = {
    escape: dockerfile.getEscapeCharacter(),
    buildArgs,
    globals: createGlobalScope(platform, buildArgs),
    stages: [],
    stageScope: createStageScope(),
  };
  for (const instruction of dockerfile.getInstructions()) readInstruction(walk, instruction);
  return walk.stages;
}

function readInstruction(walk: Walk, instruction: Instruction): void {
  const stage = walk.stages[walk.stages.length - 1];
  if (instruction instanceof From) {
    walk.stages.push(readFrom(walk, instruction));
    walk.stageScope = createStageScope();
  } else if (instruction instanceof Arg) {
    const scope = stage === undefined ? walk.globals : walk.stageScope;
    const globals = stage === undefined ? null : walk.globals;
    for (const property of instruction.getProperties()) {
      declareArg(scope, { name: property.getName(), rawDefault: property.getUnescapedValue() }, walk.buildArgs, walk.escape, globals);
    }
  } else if (stage !== undefined && instruction instanceof Copy) {
    // getFromFlag() is null as soon as COPY has any other flag: read all flags.
    const from = instruction.getFlags().find((flag) => flag.getName() === 'from')?.getValue();
    if (from) stage.refs.push(stageSite(walk, 'copy', instruction, from));
  } else if (stage !== undefined && instruction instanceof Run) {
    for (const flag of instruction.getFlags()) {
      const from = flag.getName() === 'mount' ? flag.getOption('from')?.getValue() : null;
      if (from) stage.refs.push(stageSite(walk, 'mount', instruction, from));
    }
  }
}

function readFrom(walk: Walk, from: From): StageSource {
  const context = { scope: walk.globals, escape: walk.escape, buildArgs: walk.buildArgs, where: 'global' as const };
  const args = from.getArguments();
  const image = args[0]?.getValue() ?? '';
  const line = lineOf(from);
  const expansion: Expansion =
    image === '' ? { ok: false, reason: 'invalid', text: '', detail: 'FROM names no image.' } : expandReference(image, context);
  const named = args.length > 2 && args[1]?.getValue().toUpperCase() === 'AS';
  // getPlatformFlag() is null when FROM has any other flag: read all flags.
  const platformFlag = from.getFlags().find((flag) => flag.getName() === 'platform')?.getValue() ?? null;
  const platform = platformFlag === null ? null : expandReference(platformFlag, context);
  return {
    index: walk.stages.length,
    name: named ? (args[2]?.getValue().toLowerCase() ?? null) : null,
    from: { kind: 'from', line, expansion },
    platform: platform?.ok ? platform.text : null,
    refs: [],
  };
}

function stageSite(walk: Walk, kind: 'copy' | 'mount', instruction: Instruction, raw: string): ReferenceSite {
  const context = { scope: walk.stageScope, escape: walk.escape, buildArgs: walk.buildArgs, where: 'stage' as const };
  return { kind, line: lineOf(instruction), expansion: expandReference(raw, context) };
}

function lineOf(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}
