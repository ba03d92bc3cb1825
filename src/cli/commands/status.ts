import type { Command } from 'commander';
import type { RegistryWatchStatus } from '../../poller';
import { createApiClient } from '../api-client';
import type { CliIo } from '../main';
import { outputFormat } from '../options';
import { formatRegistries } from '../format-registries';
import { formatTable } from '../print-table';

interface Status {
  transport: 'local' | 'servicebus';
  outbox: { pending: number; oldestAgeMs: number | null };
  relay: { lastError: string | null; lastErrorAt: string | null; lastSentAt: string | null; consecutiveFailures: number };
  queues: Array<{ name: string; active: number | null; deadLettered: number | null; scheduled: number | null; locked?: number; error?: string }>;
  recentDeadLetters: Array<{ messageId: string; reason: string; description: string; deadLetteredAt: string }>;
  deadLetterError: string | null;
  registries?: RegistryWatchStatus[];
}

const count = (value: number | null | undefined) => (value === null || value === undefined ? '-' : String(value));

/** `cascade status`: outbox depth and lag, the relay's last error, queue counts, dead letters. */
export function registerStatus(program: Command, io: CliIo): void {
  program.command('status')
    .description('outbox depth and lag, last relay error, queue and dead-letter counts, recent dead letters')
    .option('--server <url>', 'Cascade server (env CASCADE_URL)', io.env.CASCADE_URL ?? 'http://127.0.0.1:8080')
    .option('-o, --output <format>', 'json or table', outputFormat(['json', 'table']), 'table')
    .action(async (options: { server: string; output: string }) => {
      const status = await createApiClient({ server: options.server, env: io.env, token: 'admin' })<Status>('GET', '/api/status');
      if (options.output === 'json') return io.stdout(`${JSON.stringify(status, null, 2)}\n`);
      const lag = status.outbox.oldestAgeMs === null ? '-' : `${(status.outbox.oldestAgeMs / 1000).toFixed(1)} s`;
      const relayError = status.relay.lastError === null ? '-' : `${status.relay.lastErrorAt ?? ''} ${status.relay.lastError}`;
      io.stdout(formatTable(['TRANSPORT', 'OUTBOX PENDING', 'OUTBOX LAG', 'FAILING SENDS', 'LAST RELAY ERROR'], [[
        status.transport, String(status.outbox.pending), lag, String(status.relay.consecutiveFailures), relayError,
      ]]));
      io.stdout(`\n${formatTable(['QUEUE', 'ACTIVE', 'LOCKED', 'DEAD-LETTERED', 'SCHEDULED', 'NOTE'], status.queues.map((q) => [
        q.name, count(q.active), count(q.locked), count(q.deadLettered), count(q.scheduled), q.error ?? '',
      ]))}`);
      if (status.recentDeadLetters.length > 0) {
        io.stdout(`\n${formatTable(['DEAD LETTER', 'REASON', 'WHEN', 'DESCRIPTION'], status.recentDeadLetters.map((d) => [d.messageId, d.reason, d.deadLetteredAt, d.description]))}`);
      }
      if (status.deadLetterError) io.stdout(`\ndead letters could not be read: ${status.deadLetterError}\n`);
      if (status.registries && status.registries.length > 0) io.stdout(`\n${formatRegistries(status.registries)}`);
    });
}
