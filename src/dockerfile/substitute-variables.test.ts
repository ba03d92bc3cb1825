import fc from 'fast-check';
import { substituteVariables, type VariableScope, type VariableValue } from './substitute-variables';

const known = (value: string): VariableValue => ({ value, unset: [] });
const scope: VariableScope = new Map([
  ['TAG', known('20')],
  ['EMPTY', known('')],
  ['REGISTRY', known('myregistry.azurecr.io')],
  ['DERIVED', { value: '-alpine', unset: ['VERSION'] }],
  ['ÄRG', known('umlaut')],
]);

describe('substituteVariables: values', () => {
  it.each([
    ['node:20', 'node:20', []],
    ['node:$TAG', 'node:20', []],
    ['node:${TAG}', 'node:20', []],
    ['${REGISTRY}/node:${TAG}-alpine', 'myregistry.azurecr.io/node:20-alpine', []],
    ['node:$TAG-alpine', 'node:20-alpine', []],
    ['node:$TAGX', 'node:', ['TAGX']],
    ['node:${MISSING}', 'node:', ['MISSING']],
    ['${MISSING:-node}:${TAG}', 'node:20', []],
    ['node:${EMPTY:-18}', 'node:18', []],
    ['node:${EMPTY-18}', 'node:', []],
    ['node:${MISSING-18}', 'node:18', []],
    ['node:20${TAG:+-alpine}', 'node:20-alpine', []],
    ['node:20${EMPTY:+-alpine}', 'node:20', []],
    ['node:20${EMPTY+-alpine}', 'node:20-alpine', []],
    ['node:20${MISSING:+-alpine}', 'node:20', []],
    ['node:20${MISSING:+$OTHER}', 'node:20', []],
    ['node:${MISSING:-$OTHER}', 'node:', ['OTHER']],
    ['node:${MISSING:-${TAG:-18}}', 'node:20', []],
    ['node:${TAG:?set TAG}', 'node:20', []],
    ['node:20$DERIVED', 'node:20-alpine', ['VERSION']],
    ['node:${DERIVED:+slim}', 'node:slim', []],
    ['node:\\$TAG', 'node:$TAG', []],
    ['node:\\20', 'node:20', []],
    ['node:20\\', 'node:20', []],
    ['"node:$TAG"', 'node:20', []],
    ["'node:$TAG'", 'node:$TAG', []],
    ['"a\\"b\\$c\\\\d\\e"', 'a"b$c\\d\\e', []],
    ['node$', 'node$', []],
    ['node:$-x', 'node:x', ['-']],
    ['node:$1x', 'node:x', ['1']],
    ['node:$@', 'node:', ['@']],
    ['$ÄRG', 'umlaut', []],
  ])('%j → %j', (word, value, unset) => {
    const result = substituteVariables(word, scope);

    expect(result).toEqual({ ok: true, value, unset });
  });

  it.each([
    ['node:`$TAG', 'node:$TAG'],
    ['node:\\20', 'node:\\20'],
    ['"a`"b"', 'a"b'],
  ])('%j with the escape character ` → %j', (word, value) => {
    expect(substituteVariables(word, scope, '`')).toEqual({ ok: true, value, unset: [] });
  });
});

describe('substituteVariables: failures', () => {
  it.each([
    ['node:${TAG', 'syntax', /missing '}'/],
    ['node:${', 'syntax', /missing '}'/],
    ['node:${}', 'syntax', /bad substitution/],
    ['node:${:-x}', 'syntax', /bad substitution/],
    ['node:${{TAG}}', 'syntax', /bad substitution/],
    ['node:${TAG:x}', 'syntax', /unsupported modifier \(:x\)/],
    ['node:${TAG!}', 'syntax', /unsupported modifier \(!\)/],
    ['node:${TAG:-x', 'syntax', /missing '}'/],
    ["'node", 'syntax', /single quote/],
    ['"node', 'syntax', /double quote/],
    ['node:${MISSING:?set MISSING}', 'required', /MISSING: set MISSING/],
    ['node:${MISSING?}', 'required', /MISSING: is not allowed to be unset/],
    ['node:${EMPTY:?}', 'required', /EMPTY: is not allowed to be empty/],
    ['node:${TAG#2}', 'unsupported', /pattern removal/],
    ['node:${TAG%%0}', 'unsupported', /pattern removal/],
    ['node:${TAG/2/3}', 'unsupported', /replacement/],
  ])('%j fails (%s)', (word, failure, message) => {
    const result = substituteVariables(word, scope);

    expect(result).toMatchObject({ ok: false, failure });
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('substituteVariables: properties', () => {
  it('never throws on any word', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('\\', '`'), (word, escape) => {
        expect(typeof substituteVariables(word, scope, escape).ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves a word without $, quotes or escapes unchanged', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9:./@-]*$/), (word) => {
        expect(substituteVariables(word, scope)).toEqual({ ok: true, value: word, unset: [] });
      }),
    );
  });
});
