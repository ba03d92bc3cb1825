import type { Command } from 'commander';
import { composeServices } from '../../main';
import { createLogger } from '../../logger';
import { requireImageRef } from '../../image-ref';
import type { CliIo } from '../main';
import { outputFormat, platformOption } from '../options';

interface DigestOptions { platform?: string; output: string }

export function registerDigest(program: Command, io: CliIo): void {
  program.command('digest')
    .description('print the digest a tag points at now (registries from CASCADE_REGISTRIES)')
    .argument('<ref>', 'image reference, e.g. docker.io/library/node:20')
    .option('--platform <os/arch>', "print this platform's manifest digest when the tag is an index", platformOption)
    .option('-o, --output <format>', 'text or json', outputFormat(['text', 'json']), 'text')
    .action(async (text: string, options: DigestOptions) => {
      const ref = requireImageRef(text);
      const { registry } = composeServices(io.env, createLogger('silent'));
      const resolved = await registry.resolveDigest(ref, options.platform ? { platform: options.platform } : {});
      if (options.output === 'json') io.stdout(`${JSON.stringify(resolved)}\n`);
      else io.stdout(`${resolved.platformDigest ?? resolved.digest}\n`);
    });
}
