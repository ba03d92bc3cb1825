import { Command } from 'commander';
import { isCascadeError } from '../errors';
import { registerDeps } from './commands/deps';
import { registerDigest } from './commands/digest';
import { registerServe } from './commands/serve';
import { registerTask } from './commands/task';
import { registerSetup } from './commands/setup';
import { registerStatus } from './commands/status';
import { registerAgent } from './commands/agent';
import { registerDlq } from './commands/dlq';
import { CliExit } from './cli-exit';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

export function buildProgram(io: CliIo): Command {
  const program = new Command('cascade')
    .description('Rebuild container images when their base images change.')
    .showHelpAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    // Set before the subcommands exist, which inherit it: runCli decides the exit code.
    .exitOverride();
  registerServe(program, io);
  registerDeps(program, io);
  registerDigest(program, io);
  registerTask(program, io);
  registerStatus(program, io);
  registerSetup(program, io);
  registerAgent(program, io);
  registerDlq(program, io);
  return program;
}

/** Runs the CLI; returns the exit code (2: a missing input file; 1: any other failure). */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv]);
    return setExit(0);
  } catch (error) {
    if (error instanceof CliExit) {
      io.stderr(`cascade: ${error.message}\n`);
      return setExit(error.exitCode);
    }
    const commanderCode = (error as { code?: string; exitCode?: number }).code;
    if (commanderCode?.startsWith('commander.')) {
      const exitCode = (error as { exitCode?: number }).exitCode ?? 1;
      return setExit(commanderCode === 'commander.helpDisplayed' || commanderCode === 'commander.version' ? 0 : exitCode);
    }
    const message = isCascadeError(error) ? `${error.code}: ${error.message}` : (error as Error).message;
    io.stderr(`cascade: ${message}\n`);
    return setExit(1);
  }
}

function setExit(code: number): number {
  if (code !== 0) process.exitCode = code;
  return code;
}
