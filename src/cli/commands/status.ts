import type { Command } from 'commander';
import { createApiClient } from '../api-client';
import type { CliIo } from '../main';
import { outputFormat } from '../options';
import { formatTable } from '../print-table';

interface Status {
  outbox: { pending: number; oldestAgeMs: number | null };
  queue: { active: number; locked: number; deadLettered: number; completed: number } | null;
  recentDeadLetters: Array<{ messageId: string; reason: string; description: string; deadLetteredAt: string }>;
}

/** `cascade status`: outbox depth and lag, queue depth, dead letters. */
export function registerStatus(program: Command, io: CliIo): void {
  program.command('status')
    .description('queue and outbox depth, lag and dead letters')
    .option('--server <url>', 'Cascade server (env CASCADE_URL)', io.env.CASCADE_URL ?? 'http://127.0.0.1:8080')
    .option('-o, --output <format>', 'json or table', outputFormat(['json', 'table']), 'table')
    .action(async (options: { server: string; output: string }) => {
      const status = await createApiClient({ server: options.server, env: io.env, token: 'admin' })<Status>('GET', '/api/status');
      if (options.output === 'json') return io.stdout(`${JSON.stringify(status, null, 2)}\n`);
      const lag = status.outbox.oldestAgeMs === null ? '-' : `${(status.outbox.oldestAgeMs / 1000).toFixed(1)} s`;
      const q = status.queue;
      io.stdout(formatTable(['OUTBOX PENDING', 'OUTBOX LAG', 'QUEUE ACTIVE', 'LOCKED', 'DEAD-LETTERED', 'COMPLETED'], [[
        String(status.outbox.pending), lag, String(q?.active ?? '-'), String(q?.locked ?? '-'), String(q?.deadLettered ?? '-'), String(q?.completed ?? '-'),
      ]]));
      if (status.recentDeadLetters.length > 0) {
        io.stdout(`\n${formatTable(['DEAD LETTER', 'REASON', 'WHEN', 'DESCRIPTION'], status.recentDeadLetters.map((d) => [d.messageId, d.reason, d.deadLetteredAt, d.description]))}`);
      }
    });
}
