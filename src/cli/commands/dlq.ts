import { InvalidArgumentError, type Command } from 'commander';
import { createApiClient } from '../api-client';
import { CliExit } from '../cli-exit';
import type { CliIo } from '../main';
import { outputFormat } from '../options';
import { formatTable } from '../print-table';

interface DeadLetter {
  messageId: string;
  subject: string;
  body: string;
  properties: Record<string, string>;
  deliveryCount: number;
  reason: string;
  description: string;
  deadLetteredAt: string;
}

function limit(value: string): number {
  if (!/^[1-9]\d{0,2}$/.test(value) || Number(value) > 250) throw new InvalidArgumentError('expected a whole number from 1 to 250');
  return Number(value);
}

/** `cascade dlq list|resubmit`: rebuilds dead-lettered by agents or by the bus, and sending them again. */
export function registerDlq(program: Command, io: CliIo): void {
  const dlq = program.command('dlq').description('inspect and resubmit dead-lettered rebuild messages');
  const serverOption = ['--server <url>', 'Cascade server (env CASCADE_URL)', io.env.CASCADE_URL ?? 'http://127.0.0.1:8080'] as const;
  const api = (server: string) => createApiClient({ server, env: io.env, token: 'admin' });

  dlq.command('list')
    .description('dead letters, newest first, with their reason')
    .option(...serverOption)
    .option('--top <n>', 'how many', limit, 50)
    .option('-o, --output <format>', 'json or table', outputFormat(['json', 'table']), 'table')
    .action(async (options: { server: string; top: number; output: string }) => {
      const { deadLetters } = await api(options.server)<{ deadLetters: DeadLetter[] }>('GET', `/api/dead-letters?limit=${options.top}`);
      if (options.output === 'json') return io.stdout(`${JSON.stringify(deadLetters, null, 2)}\n`);
      io.stdout(formatTable(['MESSAGE ID', 'TASK', 'REASON', 'DELIVERIES', 'WHEN', 'DESCRIPTION'], deadLetters.map((d) => [
        d.messageId, d.properties.task ?? '', d.reason, String(d.deliveryCount), d.deadLetteredAt, d.description.split('\n', 1)[0] ?? '',
      ])));
    });

  dlq.command('resubmit')
    .description('send dead-lettered messages back to the queue (by message id, or --all)')
    .argument('[messageIds...]', 'message ids from `cascade dlq list`')
    .option(...serverOption)
    .option('--all', 'every dead letter')
    .action(async (messageIds: string[], options: { server: string; all?: boolean }) => {
      if (options.all === true && messageIds.length > 0) throw new CliExit('give message ids or --all, not both', 1);
      if (options.all !== true && messageIds.length === 0) throw new CliExit('give the message ids to resubmit, or --all', 1);
      const body = options.all === true ? { all: true } : { messageIds };
      const { resubmitted } = await api(options.server)<{ resubmitted: string[] }>('POST', '/api/dead-letters/resubmit', body);
      io.stdout(`resubmitted ${resubmitted.length} message(s)${resubmitted.length > 0 ? `: ${resubmitted.join(', ')}` : ''}\n`);
    });
}
