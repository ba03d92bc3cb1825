import type { BuildOutcome } from './builder';
import type { ProcessResult } from './run-process';

type Unsuccessful = Exclude<BuildOutcome, { status: 'Succeeded' }>;
export type Failure = Omit<Unsuccessful, 'log'>;

const REASON_LIMIT = 400;

/** A reason is one line for people: no newlines, no megabyte-long error. */
export function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > REASON_LIMIT ? `${line.slice(0, REASON_LIMIT - 1)}…` : line;
}

/** The last line a command wrote that starts with `Error:` (buildah, docker), else its last line. */
export function lastErrorLine(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const error = [...lines].reverse().find((line) => /^error:/i.test(line));
  return (error ?? lines.at(-1) ?? '').replace(/^error:\s*/i, '');
}

/**
 * The outcome of a command that did not exit 0 on its own; null when it did. The timeout and
 * a cancelled build read the same for every builder; `onExit` names a non-zero exit.
 */
export function processFailure(result: ProcessResult, what: string, timeoutMs: number, onExit: (code: number | null, output: string) => Failure): Failure | null {
  switch (result.kind) {
    case 'exited':
      return result.code === 0 ? null : onExit(result.code, result.output);
    case 'timeout':
      return { status: 'Timeout', reason: `the build did not finish within ${Math.round(timeoutMs / 1000)} s`, retryable: false };
    case 'aborted':
      // The agent is shutting down: the message goes back for another agent.
      return { status: 'Error', reason: 'the build was cancelled', retryable: true };
    case 'not-started':
      return { status: 'Error', reason: oneLine(`cannot run ${what}: ${result.message}`), retryable: false };
  }
}
