import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { loadSecrets } from '../../secrets/load-secrets';
import { formatSetupInstructions } from '../../webhooks';
import type { CliIo } from '../main';

/** Prints the registries' ready-to-paste webhook set-up again (the server prints it on first start). */
export function registerSetup(program: Command, io: CliIo): void {
  program.command('setup')
    .description("print the webhook set-up for each registry source (secrets from the environment or the data directory)")
    .option('--url <url>', 'the URL registries reach Cascade at (env CASCADE_PUBLIC_URL)')
    .action((options: { url?: string }) => {
      const config = loadConfig(io.env);
      const secrets = loadSecrets(config);
      const baseUrl = options.url ?? config.publicUrl ?? `http://${config.host}:${config.port}`;
      io.stdout(`${formatSetupInstructions({ baseUrl, secrets: secrets.webhooks })}\n`);
    });
}
