import { platformArgs } from './platform-args';
import { substituteVariables, type VariableValue } from './substitute-variables';

/** The ARG values an instruction can see, and which names were declared at all. */
export interface ArgScope {
  readonly values: Map<string, VariableValue>;
  /** Declared by an ARG, with or without a value: lets a message say what is missing. */
  readonly declared: Set<string>;
}

/**
 * The scope FROM lines see before any ARG: the automatic platform ARGs. A build arg overrides
 * them even undeclared, as BuildKit does for these names only.
 */
export function createGlobalScope(platform: string | undefined, buildArgs: ReadonlyMap<string, string>): ArgScope {
  const values = new Map<string, VariableValue>();
  for (const [name, value] of platformArgs(platform)) values.set(name, known(buildArgs.get(name) ?? value));
  return { values, declared: new Set() };
}

/** A stage starts with no ARGs: global ones must be re-declared to be seen. */
export function createStageScope(): ArgScope {
  return { values: new Map(), declared: new Set() };
}

/**
 * Applies one `ARG name[=default]`. Precedence, as in BuildKit: the build arg, else the default
 * (expanded in this scope; build args are taken literally), else for a stage the global value.
 * With none of them the name is declared but has no value.
 */
export function declareArg(
  scope: ArgScope,
  arg: { readonly name: string; readonly rawDefault: string | null },
  buildArgs: ReadonlyMap<string, string>,
  escape: string,
  globals: ArgScope | null,
): void {
  const { name, rawDefault } = arg;
  scope.declared.add(name);
  const buildArg = buildArgs.get(name);
  if (buildArg !== undefined) {
    scope.values.set(name, known(buildArg));
    return;
  }
  if (rawDefault !== null) {
    const expanded = substituteVariables(rawDefault, scope.values, escape);
    // A default that cannot be expanded leaves the ARG without a value, so its users say so.
    scope.values.set(name, expanded.ok ? { value: expanded.value, unset: expanded.unset } : { value: '', unset: [name] });
    return;
  }
  const inherited = globals?.values.get(name);
  if (inherited !== undefined) scope.values.set(name, inherited);
}

function known(value: string): VariableValue {
  return { value, unset: [] };
}
