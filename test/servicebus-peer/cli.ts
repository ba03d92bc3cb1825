import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseEntities } from './entities-schema';
import type { PeerEntityConfig, ServiceBusPeer } from './peer-types';
import { startServiceBusPeer } from './service-bus-peer';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export type CliStart = { ok: true; peer: ServiceBusPeer } | { ok: false; exitCode: 2 };

const USAGE = 'usage: servicebus-peer [--port <p>] [--host <h>] [--entities <file.json>] [--key-name <n>] [--key <k>]';

/**
 * Starts the peer from command-line arguments and prints its connection string (first line of
 * stdout). Bad arguments or a bad entities file: a message on stderr and exit code 2.
 */
export async function startFromArgs(argv: string[], io: CliIo): Promise<CliStart> {
  const fail = (message: string): CliStart => {
    io.err(`servicebus-peer: ${message}`);
    io.err(USAGE);
    return { ok: false, exitCode: 2 };
  };
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, host: { type: 'string' }, entities: { type: 'string' }, 'key-name': { type: 'string' }, key: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const port = Number(values['port'] ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) return fail(`--port must be an integer from 0 to 65535, got '${values['port']}'`);
  let entities: PeerEntityConfig[] | undefined;
  if (values['entities'] !== undefined) {
    let text: string;
    try {
      text = readFileSync(values['entities'], 'utf8');
    } catch (error) {
      return fail(`cannot read --entities file: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = parseEntities(text);
    if (!parsed.ok) return fail(`invalid --entities file ${values['entities']}: ${parsed.reason}`);
    entities = parsed.entities;
  }
  try {
    const peer = await startServiceBusPeer({ port, host: values['host'], keyName: values['key-name'], key: values['key'], entities });
    io.out(peer.connectionString);
    return { ok: true, peer };
  } catch (error) {
    return fail(`cannot listen: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The `npm run servicebus-peer` entry point: runs until SIGINT or SIGTERM. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const io: CliIo = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };
  const started = await startFromArgs(argv, io);
  if (!started.ok) {
    process.exitCode = started.exitCode;
    return;
  }
  const stop = (): void => {
    void started.peer.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) void main();
