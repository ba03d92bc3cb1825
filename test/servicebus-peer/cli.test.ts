import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceBusClient } from '@azure/service-bus';
import { startFromArgs, type CliIo } from './cli';
import { FAST_RETRIES } from './client-fixture';

function captureIo(): CliIo & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (l) => outLines.push(l), err: (l) => errLines.push(l) };
}

function entitiesFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sb-peer-')), 'entities.json');
  writeFileSync(file, content);
  return file;
}

describe('servicebus-peer command line', () => {
  it('prints a connection string the real client can use, with the entities of the file', async () => {
    const io = captureIo();
    const file = entitiesFile(JSON.stringify([{ name: 'jobs', type: 'queue' }, { name: 'events', type: 'topic', subscriptions: [{ name: 'all' }] }]));

    const started = await startFromArgs(['--port', '0', '--entities', file, '--key-name', 'Send', '--key', 'secret'], io);
    if (!started.ok) throw new Error(io.errLines.join('\n'));
    const client = new ServiceBusClient(io.outLines[0]!, { retryOptions: FAST_RETRIES });
    try {
      await client.createSender('events').sendMessages({ body: 'hello' });

      expect(io.outLines).toHaveLength(1);
      expect(io.outLines[0]).toBe(`Endpoint=sb://127.0.0.1:${started.peer.port};SharedAccessKeyName=Send;SharedAccessKey=secret;UseDevelopmentEmulator=true`);
      expect(started.peer.counts('events/Subscriptions/all').active).toBe(1);
      expect(() => started.peer.counts('rebuilds')).toThrow(/unknown entity/);
    } finally {
      await client.close();
      await started.peer.close();
    }
  });

  it.each([
    ['an unknown option', ['--verbose'], /Unknown option '--verbose'/],
    ['a bad port', ['--port', 'http'], /--port must be an integer/],
    ['a missing entities file', ['--entities', '/nonexistent/entities.json'], /cannot read --entities file/],
    ['an entities file that is not JSON', ['--entities', entitiesFile('[{')], /not JSON/],
    ['an entity of an unknown type', ['--entities', entitiesFile('[{"name":"q","type":"fifo"}]')], /0\.type/],
    ['a misspelt option', ['--entities', entitiesFile('[{"name":"q","type":"queue","requireSession":true}]')], /requireSession/],
    ['a queue with subscriptions', ['--entities', entitiesFile('[{"name":"q","type":"queue","subscriptions":[{"name":"s"}]}]')], /cannot have subscriptions/],
  ])('refuses %s with exit code 2 and a message on stderr', async (_name, argv, message) => {
    const io = captureIo();

    const started = await startFromArgs(argv, io);

    expect(started).toEqual({ ok: false, exitCode: 2 });
    expect(io.outLines).toEqual([]);
    expect(io.errLines[0]).toMatch(message);
  });
});
