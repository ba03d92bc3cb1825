import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ServiceBusSettings } from '../src/config';
import { createEventProcessor } from '../src/core/event-processor';
import { createOutboxRelay } from '../src/core/outbox-relay';
import { createLogger } from '../src/logger';
import { createSqliteStore } from '../src/store/sqlite/create-sqlite-store';
import type { OutboxMessage } from '../src/store/store';
import { createServiceBusClient, createServiceBusPublisher, toServiceBusMessage } from '../src/transport/servicebus';
import { baseRef, populateIndex } from './support/bench-index';
import { elapsedMs, numericArgs, printRows } from './stats';

/** The Service Bus test peer in a process of its own, so it does not share the client's event loop. */
async function startPeerProcess(): Promise<{ child: ChildProcess; connectionString: string }> {
  const cli = join(__dirname, '..', 'test', 'servicebus-peer', 'cli.js');
  const child = spawn(process.execPath, [cli, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the peer exited with ${code}`)));
  });
  return { child, connectionString: line.trim() };
}

/** A message the size of a real rebuild request (a CloudEvents document with the build recipe). */
function aMessage(prefix: string, n: number): OutboxMessage {
  const data = { runId: `run-${prefix}-${n}`, task: { name: `task-${n}`, images: [`bench.local:5000/apps/task-${n}:1`], context: 'https://git.example/repo.git#main', dockerfile: 'Dockerfile', buildArgs: { VERSION: '1.2.3' }, platform: 'linux/amd64' } };
  const body = JSON.stringify({ specversion: '1.0', type: 'dev.cascade.rebuild.requested.v1', id: `${prefix}-${n}`, source: '/cascade', data, padding: 'x'.repeat(700) });
  return { messageId: `${prefix}-${n}`, sessionId: `task-${n}`, subject: 'dev.cascade.rebuild.requested.v1', body, properties: { task: `task-${n}`, platform: 'linux/amd64', trigger: 'Image Update' } };
}

/**
 * Fan-out through the real @azure/service-bus client to the AMQP test peer (a child process on
 * 127.0.0.1). (1) messages/s publishing with batches (`createMessageBatch` / `tryAddMessage`, in
 * the relay's chunks of 100) against one message per send, in the same run; (2) one event with
 * `dependents` dependents: from the event stored to every rebuild accepted by the bus (matching,
 * then the relay draining the outbox).
 */
export async function runFanoutBench(args: string[]): Promise<void> {
  const { dependents, single, chunk } = numericArgs(args, { dependents: 10_000, single: 2_000, chunk: 100 });
  const peer = await startPeerProcess();
  const dir = mkdtempSync(join(tmpdir(), 'cascade-bench-fanout-'));
  const settings: ServiceBusSettings = {
    kind: 'servicebus', connection: { connectionString: peer.connectionString }, entity: 'rebuilds', entityType: 'queue',
    defaultSubscription: 'default', sessions: false, retry: { timeoutInMs: 30_000, maxRetries: 3 },
  };
  const credential = () => {
    throw new Error('connection string only');
  };
  const client = createServiceBusClient(settings, { credential });
  try {
    const sender = client.createSender(settings.entity);
    await sender.sendMessages(toServiceBusMessage(aMessage('warm', 0), { sessions: false, defaultPool: 'default' }));

    let t0 = process.hrtime.bigint();
    for (let n = 0; n < single; n += 1) await sender.sendMessages(toServiceBusMessage(aMessage('single', n), { sessions: false, defaultPool: 'default' }));
    const singleMs = elapsedMs(t0);
    await sender.close();

    const publisher = createServiceBusPublisher(client, { entity: settings.entity, sessions: false, defaultPool: 'default' });
    const batched = Array.from({ length: dependents }, (_, n) => aMessage('batch', n));
    t0 = process.hrtime.bigint();
    for (let i = 0; i < batched.length; i += chunk) await publisher.publish(batched.slice(i, i + chunk));
    const batchMs = elapsedMs(t0);

    // The pipeline as `cascade serve` runs it: matcher and relay on the derived-work connection.
    const file = join(dir, 'cascade.db');
    const filling = createSqliteStore({ file, synchronous: 'NORMAL' });
    await populateIndex(filling, { tasks: dependents, depsPerTask: 1, refs: 2, hotDependents: dependents });
    await filling.close();
    const store = createSqliteStore({ file, synchronous: 'NORMAL', autoCheckpoint: false });
    const logger = createLogger('silent');
    const processor = createEventProcessor({ store, registry: { resolveDigest: () => Promise.reject(new Error('unused')), listPlatforms: () => Promise.reject(new Error('unused')) }, logger, onRunsCreated: () => undefined });
    const relay = createOutboxRelay({ store, publisher, logger });
    t0 = process.hrtime.bigint();
    await store.appendEvents([{ source: 'poll', eventId: 'fanout', ref: baseRef(0), digest: `sha256:${'b'.repeat(64)}`, mediaType: null, receivedAt: new Date().toISOString() }], []);
    await processor.processDue();
    const matchedMs = elapsedMs(t0);
    let sent = 0;
    for (;;) {
      const n = await relay.relayOnce();
      if (n === 0 && (await store.outboxDepth(new Date())).pending === 0) break;
      sent += n;
    }
    const endToEndMs = elapsedMs(t0);
    await store.close();
    await publisher.close();

    const singleRate = (single / singleMs) * 1000;
    const batchRate = (dependents / batchMs) * 1000;
    printRows([
      { measure: `one message per send (baseline), ${single} messages`, 'messages/s': singleRate.toFixed(0), 'total ms': singleMs.toFixed(0) },
      { measure: `batched (createMessageBatch, chunks of ${chunk}), ${dependents} messages`, 'messages/s': batchRate.toFixed(0), 'total ms': batchMs.toFixed(0) },
      { measure: `event stored → ${sent} runs matched and written`, 'messages/s': '-', 'total ms': matchedMs.toFixed(0) },
      { measure: `event stored → all ${sent} accepted by the bus`, 'messages/s': ((sent / endToEndMs) * 1000).toFixed(0), 'total ms': endToEndMs.toFixed(0) },
    ]);
    console.log(`ratio batched / one per send: ${(batchRate / singleRate).toFixed(1)} (target >= 10); message body ${aMessage('x', 0).body.length} bytes`);
  } finally {
    await client.close();
    peer.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
