import type { Command } from 'commander';
import { startServer } from '../../main';
import type { CliIo } from '../main';

export function registerServe(program: Command, io: CliIo): void {
  program.command('serve')
    .description('run the Cascade service (settings from the environment; see .env.example)')
    .action(async () => {
      const server = await startServer(io.env);
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          server.log.info({ signal }, 'cascade stopping');
          server.close().finally(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
