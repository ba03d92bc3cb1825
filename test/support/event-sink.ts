import { createServer, type IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port';

/** One POST the registry made: its headers and raw body (an events envelope, normally). */
export interface ReceivedEnvelope {
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** `events` of the JSON body; empty if the body was not an envelope. */
  readonly events: readonly Record<string, unknown>[];
}

/** A notifications endpoint for tests: records every POST and answers with a settable status. */
export interface EventSink {
  readonly url: string;
  readonly received: readonly ReceivedEnvelope[];
  /** Status for later POSTs (default 200); 4xx/5xx make the registry retry the same event forever. */
  setStatus(status: number): void;
  /** Resolves with the first event (in arrival order) matching, polling until `timeoutMs`. */
  waitForEvent(match: (event: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function startEventSink(): Promise<EventSink> {
  const received: ReceivedEnvelope[] = [];
  let status = 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ headers: req.headers, body, events: eventsOf(body) });
      res.writeHead(status).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/events`,
    received,
    setStatus: (next) => {
      status = next;
    },
    async waitForEvent(match, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.flatMap((envelope) => envelope.events).find(match);
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms; got ${received.length} envelopes`);
        await sleep(10);
      }
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function eventsOf(body: Buffer): Record<string, unknown>[] {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { events?: unknown };
    return Array.isArray(parsed.events) ? (parsed.events as Record<string, unknown>[]) : [];
  } catch {
    return [];
  }
}
