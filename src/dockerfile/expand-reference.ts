import type { ArgScope } from './arg-scope';
import { substituteVariables } from './substitute-variables';
import type { SkipReason } from './types';

/** A reference's text after substitution, or why it has none. */
export type Expansion =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: Extract<SkipReason, 'unresolved' | 'invalid'>; readonly text: string; readonly detail: string };

export interface ExpansionContext {
  readonly scope: ArgScope;
  readonly escape: string;
  readonly buildArgs: ReadonlyMap<string, string>;
  /** Where an ARG must be declared to be seen here, for messages. */
  readonly where: 'global' | 'stage';
}

/**
 * Substitutes the ARGs in a reference. A reference that uses a variable with no value is
 * unresolved even when the rest looks valid: `${REGISTRY}/node` without REGISTRY is `/node`
 * to BuildKit, but to us it is a reference we were not given enough to know.
 */
export function expandReference(raw: string, context: ExpansionContext): Expansion {
  const substitution = substituteVariables(raw, context.scope.values, context.escape);
  if (!substitution.ok) {
    const reason = substitution.failure === 'syntax' ? 'invalid' : 'unresolved';
    return { ok: false, reason, text: raw, detail: `The substitution in "${raw}" fails: ${substitution.message}.` };
  }
  const missing = substitution.unset[0];
  if (missing !== undefined) return { ok: false, reason: 'unresolved', text: raw, detail: describeMissing(missing, context) };
  const text = substitution.value.trim();
  if (text === '') return { ok: false, reason: 'unresolved', text: raw, detail: `"${raw}" is empty after substitution.` };
  return { ok: true, text };
}

function describeMissing(name: string, context: ExpansionContext): string {
  const place = context.where === 'global' ? 'before the first FROM' : 'in this stage';
  if (context.scope.declared.has(name)) {
    return `ARG ${name} has no value: give it a default or pass the build arg ${name}.`;
  }
  const ignored = context.buildArgs.has(name) ? `; the build arg ${name} is invisible until it is declared` : '';
  return `Variable ${name} is not declared by an ARG ${place}${ignored}.`;
}
