import { createGlobalScope, createStageScope, declareArg, type ArgScope } from './arg-scope';
import { expandReference, type ExpansionContext } from './expand-reference';

const buildArgs = new Map([['UNDECLARED', 'x']]);

function globalContext(...args: [name: string, rawDefault: string | null][]): ExpansionContext {
  const scope = createGlobalScope(undefined, buildArgs);
  for (const [name, rawDefault] of args) declareArg(scope, { name, rawDefault }, buildArgs, '\\', null);
  return { scope, escape: '\\', buildArgs, where: 'global' };
}

function stageContext(scope: ArgScope = createStageScope()): ExpansionContext {
  return { scope, escape: '\\', buildArgs, where: 'stage' };
}

describe('expandReference', () => {
  it.each([
    ['node:20', 'node:20'],
    ['node:${TAG}', 'node:18'],
    ['node:${NOPE:-20}', 'node:20'],
    ['"node:20 "', 'node:20'],
    ['--platform=$BUILDPLATFORM', '--platform=linux/amd64'],
  ])('%j → %j', (raw, text) => {
    expect(expandReference(raw, globalContext(['TAG', '18']))).toEqual({ ok: true, text });
  });

  it.each([
    ['${REGISTRY}/node', globalContext(['REGISTRY', null]), 'unresolved', 'ARG REGISTRY has no value: give it a default or pass the build arg REGISTRY.'],
    ['${UNDECLARED}/node', globalContext(), 'unresolved', 'Variable UNDECLARED is not declared by an ARG before the first FROM; the build arg UNDECLARED is invisible until it is declared.'],
    ['node:$NOPE', globalContext(), 'unresolved', 'Variable NOPE is not declared by an ARG before the first FROM.'],
    ['$STAGE', stageContext(), 'unresolved', 'Variable STAGE is not declared by an ARG in this stage.'],
    ['$EMPTY', globalContext(['EMPTY', '']), 'unresolved', '"$EMPTY" is empty after substitution.'],
    ['${ONLY:+x}', globalContext(), 'unresolved', '"${ONLY:+x}" is empty after substitution.'],
    ['${X:?give X}', globalContext(), 'unresolved', 'The substitution in "${X:?give X}" fails: X: give X.'],
    ['${X', globalContext(), 'invalid', 'The substitution in "${X" fails: missing \'}\'.'],
  ])('%j is %s', (raw, context, reason, detail) => {
    expect(expandReference(raw, context)).toEqual({ ok: false, reason, text: raw, detail });
  });
});
