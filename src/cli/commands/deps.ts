import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { discoverDependencies, type DiscoveryResult } from '../../dockerfile';
import { CliExit } from '../cli-exit';
import type { CliIo } from '../main';
import { collectBuildArg, outputFormat, platformOption } from '../options';
import { formatTable } from '../print-table';

interface DepsOptions { buildArg: Record<string, string>; target?: string; platform: string; output: string }

export function registerDeps(program: Command, io: CliIo): void {
  program.command('deps')
    .description('show the base images Cascade would track for a Dockerfile')
    .argument('<dockerfile>', 'path to the Dockerfile')
    .option('--build-arg <NAME=VALUE>', 'build argument (repeatable)', collectBuildArg(io.env), {})
    .option('--target <stage>', 'the stage that is built (default: the last)')
    .option('--platform <os/arch>', 'the platform that is built', platformOption, 'linux/amd64')
    .option('-o, --output <format>', 'json or table', outputFormat(['json', 'table']), 'table')
    .action(async (file: string, options: DepsOptions) => {
      const text = await readDockerfile(file);
      const result = discoverDependencies(text, {
        buildArgs: options.buildArg,
        platform: options.platform,
        ...(options.target ? { target: options.target } : {}),
      });
      if (result.error) throw new CliExit(result.error.message, 1);
      io.stdout(options.output === 'json' ? `${JSON.stringify(toJson(result))}\n` : toTable(result));
    });
}

async function readDockerfile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new CliExit(`cannot read Dockerfile ${file}: ${why}`, 2);
  }
}

/** The documented JSON shape, exactly: nothing more, so scripts can rely on it. */
function toJson(result: DiscoveryResult) {
  return {
    dependencies: result.dependencies.map(({ type, ref, registry, repository, tag, line, platform }) => ({ type, ref, registry, repository, tag, line, platform })),
    skipped: result.skipped.map(({ text, reason, line }) => ({ text, reason, line })),
  };
}

function toTable(result: DiscoveryResult): string {
  const deps = formatTable(['TYPE', 'REF', 'PLATFORM', 'LINE'], result.dependencies.map((d) => [d.type, d.ref, d.platform ?? '', String(d.line)]));
  if (result.skipped.length === 0) return deps;
  const skipped = formatTable(['SKIPPED', 'REASON', 'LINE', 'DETAIL'], result.skipped.map((s) => [s.text, s.reason, String(s.line), s.detail]));
  return `${deps}\n${skipped}`;
}
