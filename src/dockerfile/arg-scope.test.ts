import { createGlobalScope, createStageScope, declareArg, type ArgScope } from './arg-scope';

const noBuildArgs = new Map<string, string>();
const valueOf = (scope: ArgScope, name: string) => scope.values.get(name);

describe('createGlobalScope', () => {
  it('predefines the platform ARGs from the task platform', () => {
    const scope = createGlobalScope('linux/arm64/v8', noBuildArgs);

    expect(valueOf(scope, 'TARGETARCH')).toEqual({ value: 'arm64', unset: [] });
    expect(valueOf(scope, 'BUILDPLATFORM')).toEqual({ value: 'linux/arm64/v8', unset: [] });
  });

  it('lets a build arg override a platform ARG without declaring it', () => {
    const scope = createGlobalScope('linux/amd64', new Map([['TARGETARCH', 's390x']]));

    expect(valueOf(scope, 'TARGETARCH')).toEqual({ value: 's390x', unset: [] });
  });

  it('ignores any other undeclared build arg', () => {
    const scope = createGlobalScope('linux/amd64', new Map([['TAG', '20']]));

    expect(valueOf(scope, 'TAG')).toBeUndefined();
  });
});

describe('declareArg', () => {
  const buildArgs = new Map([['TAG', '22'], ['LITERAL', '$TAG']]);

  it.each([
    ['ARG TAG=18 with --build-arg TAG=22', 'TAG', '18', { value: '22', unset: [] }],
    ['ARG TAG with --build-arg TAG=22', 'TAG', null, { value: '22', unset: [] }],
    ['ARG LITERAL with --build-arg LITERAL=$TAG (build args are not expanded)', 'LITERAL', null, { value: '$TAG', unset: [] }],
    ['ARG OTHER=18', 'OTHER', '18', { value: '18', unset: [] }],
    ['ARG OTHER="node:${BASE}"', 'OTHER', '"node:${BASE}"', { value: 'node:20', unset: [] }],
    ['ARG OTHER=${NOPE}-x', 'OTHER', '${NOPE}-x', { value: '-x', unset: ['NOPE'] }],
    ['ARG OTHER=${', 'OTHER', '${', { value: '', unset: ['OTHER'] }],
    ['ARG OTHER', 'OTHER', null, undefined],
  ])('%s in the global scope', (_input, name, rawDefault, expected) => {
    const scope = createGlobalScope(undefined, noBuildArgs);
    scope.values.set('BASE', { value: '20', unset: [] });

    declareArg(scope, { name, rawDefault }, buildArgs, '\\', null);

    expect(valueOf(scope, name)).toEqual(expected);
    expect(scope.declared.has(name)).toBe(true);
  });

  it.each([
    ['ARG BASE re-declaring a global BASE=20', 'BASE', null, { value: '20', unset: [] }],
    ['ARG TARGETOS re-declaring a platform ARG', 'TARGETOS', null, { value: 'linux', unset: [] }],
    ['ARG BASE=alpine overriding the global default', 'BASE', 'alpine', { value: 'alpine', unset: [] }],
    ['ARG NEW with no global of that name', 'NEW', null, undefined],
    ['ARG TAG with --build-arg TAG=22', 'TAG', null, { value: '22', unset: [] }],
  ])('%s in a stage', (_input, name, rawDefault, expected) => {
    const globals = createGlobalScope(undefined, noBuildArgs);
    globals.values.set('BASE', { value: '20', unset: [] });
    const stage = createStageScope();

    declareArg(stage, { name, rawDefault }, buildArgs, '\\', globals);

    expect(valueOf(stage, name)).toEqual(expected);
  });

  it('expands a default with the escape character `', () => {
    const scope = createStageScope();

    declareArg(scope, { name: 'PRICE', rawDefault: '`$5' }, noBuildArgs, '`', null);

    expect(valueOf(scope, 'PRICE')).toEqual({ value: '$5', unset: [] });
  });
});
