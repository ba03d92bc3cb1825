import { lastErrorLine, oneLine, processFailure } from './process-outcome';

describe('lastErrorLine', () => {
  it.each([
    ['STEP 1\nError: first\nmore\nError: building at STEP "RUN false": exit status 1\n\n', 'building at STEP "RUN false": exit status 1'],
    ['ERROR: failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1\n', 'failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1'],
    ['no error word\nlast line\n\n', 'last line'],
    ['', ''],
  ])('%j', (output, line) => {
    expect(lastErrorLine(output)).toBe(line);
  });
});

describe('oneLine', () => {
  it('joins lines and caps the length', () => {
    expect(oneLine(' a\n  b\tc ')).toBe('a b c');
    expect(oneLine('x'.repeat(1000))).toHaveLength(400);
  });
});

describe('processFailure', () => {
  const onExit = (code: number | null) => ({ status: 'Failed' as const, reason: `exit ${code}`, retryable: false });

  it.each([
    [{ kind: 'exited', code: 0, signal: null, output: '' }, null],
    [{ kind: 'exited', code: 2, signal: null, output: '' }, { status: 'Failed', reason: 'exit 2', retryable: false }],
    [{ kind: 'timeout', output: '' }, { status: 'Timeout', reason: 'the build did not finish within 90 s', retryable: false }],
    [{ kind: 'aborted', output: '' }, { status: 'Error', reason: 'the build was cancelled', retryable: true }],
    [{ kind: 'not-started', message: 'spawn buildah ENOENT', output: '' }, { status: 'Error', reason: 'cannot run buildah: spawn buildah ENOENT', retryable: false }],
  ] as const)('%j', (result, failure) => {
    expect(processFailure(result, 'buildah', 90_000, onExit)).toEqual(failure);
  });
});
