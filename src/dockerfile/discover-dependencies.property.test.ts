import fc from 'fast-check';
import { formatImageRef, parseImageRef } from '../image-ref';
import { discoverDependencies } from './discover-dependencies';
import type { DiscoveryOptions, DiscoveryResult } from './types';

const TOKENS = [
  'FROM ', 'ARG ', 'COPY --from=', '${', '}', ':-', ':+', ':?', ' AS ', '\\\n', '\n', 'scratch', 'a', 'b', 'node:20',
  '$', '@sha256:', `${'a'.repeat(64)}`, '--platform=', '$BUILDPLATFORM', 'RUN --mount=type=cache,from=', ',target=/x ',
  '# escape=`\n', '`\n', '<<EOF\n', 'EOF\n', '"', "'", '=', 'A', 'TAG', '0', '1', ' ', '/', ':', '.', 'localhost:5000/',
  '\r\n', '\uFEFF', 'ONBUILD ', '\t',
];
const dockerfileish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((parts) => parts.join(''));
const options: fc.Arbitrary<DiscoveryOptions> = fc.record(
  {
    buildArgs: fc.dictionary(fc.constantFrom('A', 'TAG', 'TARGETARCH', 'a'), fc.constantFrom('', 'node', '${A}', 'b:1', 'scratch')),
    target: fc.constantFrom('a', 'b', 'A', '', 'missing'),
    platform: fc.constantFrom('linux/amd64', 'linux/arm64/v8', '', 'windows'),
  },
  { requiredKeys: [] },
);

/** What every result must satisfy, whatever the input. */
function expectWellFormed(result: DiscoveryResult, text: string): void {
  const lineCount = text.split(/\r\n|\r|\n/).length;
  if (result.error !== null) {
    expect(['no-stages', 'target-not-found']).toContain(result.error.code);
    expect(result.dependencies).toEqual([]);
    expect(result.skipped).toEqual([]);
    return;
  }
  const refs = result.dependencies.map((dependency) => dependency.ref);
  expect(new Set(refs).size).toBe(refs.length);
  expect(result.dependencies.slice(1).every((dependency) => dependency.type === 'BuildTime')).toBe(true);
  for (const dependency of result.dependencies) {
    const parsed = parseImageRef(dependency.ref);
    expect(parsed.ok && formatImageRef(parsed.ref)).toBe(dependency.ref);
    expect(dependency.line).toBeGreaterThanOrEqual(1);
    expect(dependency.line).toBeLessThanOrEqual(lineCount);
  }
  for (const skipped of result.skipped) {
    expect(['scratch', 'pinned', 'unresolved', 'invalid']).toContain(skipped.reason);
    expect(skipped.detail.length).toBeGreaterThan(0);
    expect(skipped.line).toBeGreaterThanOrEqual(1);
  }
}

describe('discoverDependencies: properties', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expectWellFormed(discoverDependencies(text), text);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on strings built from Dockerfile tokens, with any options', () => {
    fc.assert(
      fc.property(dockerfileish, options, (text, opts) => {
        expectWellFormed(discoverDependencies(text, opts), text);
      }),
      { numRuns: 3000 },
    );
  });

  it('lists the same dependencies whatever stage nobody uses is added before the built one', () => {
    const image = fc.constantFrom('node:20', 'alpine', 'scratch', 'golang:1.22', '${A}', 'Bad');
    fc.assert(
      fc.property(image, image, (unused, base) => {
        const alone = discoverDependencies(`FROM ${base}`);
        const withUnused = discoverDependencies(`FROM ${unused} AS unused\nFROM ${base}`);

        expect(withUnused.dependencies.map((d) => d.ref)).toEqual(alone.dependencies.map((d) => d.ref));
        expect(withUnused.skipped.map((s) => s.reason)).toEqual(alone.skipped.map((s) => s.reason));
      }),
    );
  });
});
