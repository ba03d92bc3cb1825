import { createServer } from 'node:http';
import { freePort } from './free-port';

/** What the front does with a request. */
export type FrontMode =
  | { readonly kind: 'pass' }
  /** Forwards `limit` requests per window, announcing `RateLimit-*` (Docker Hub's form); 429 beyond. */
  | { readonly kind: 'budget'; readonly limit: number; readonly windowSeconds: number }
  /** Answers every request 429 with `Retry-After`. */
  | { readonly kind: 'throttle'; readonly retryAfterSeconds: number };

export interface FrontRequest {
  /** When the front received the request (not when it answered: a request received before a mode change belongs to the old mode). */
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

/** A rate-limiting HTTP front for a registry, as Docker Hub behaves; it counts every request. */
export interface RateLimitingFront {
  readonly url: string;
  readonly requests: readonly FrontRequest[];
  setMode(mode: FrontMode): void;
  stop(): Promise<void>;
}

const FORWARDED_HEADERS = ['content-type', 'content-length', 'docker-content-digest', 'docker-distribution-api-version'];

export async function startRateLimitingFront(registryUrl: string): Promise<RateLimitingFront> {
  const requests: FrontRequest[] = [];
  let mode: FrontMode = { kind: 'pass' };
  let spent = 0;

  const server = createServer((req, res) => {
    const at = Date.now();
    const record = (status: number) => requests.push({ at, method: req.method ?? '', path: req.url ?? '', status });
    if (mode.kind === 'throttle') {
      record(429);
      res.writeHead(429, { 'retry-after': String(mode.retryAfterSeconds), 'content-type': 'application/json' }).end('{"errors":[{"code":"TOOMANYREQUESTS"}]}');
      return;
    }
    const limits: Record<string, string> = {};
    if (mode.kind === 'budget') {
      spent += 1;
      const remaining = Math.max(0, mode.limit - spent);
      Object.assign(limits, { 'ratelimit-limit': `${mode.limit};w=${mode.windowSeconds}`, 'ratelimit-remaining': `${remaining};w=${mode.windowSeconds}` });
      if (spent > mode.limit) {
        record(429);
        res.writeHead(429, { ...limits, 'retry-after': String(mode.windowSeconds) }).end();
        return;
      }
    }
    fetch(`${registryUrl}${req.url ?? '/'}`, { method: req.method, headers: { accept: String(req.headers.accept ?? '*/*') } }).then(async (upstream) => {
      const headers: Record<string, string> = { ...limits };
      for (const name of FORWARDED_HEADERS) {
        const value = upstream.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      const body = Buffer.from(await upstream.arrayBuffer());
      record(upstream.status);
      res.writeHead(upstream.status, headers).end(req.method === 'HEAD' ? undefined : body);
    }, () => {
      record(502);
      res.writeHead(502).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setMode: (next) => {
      mode = next;
      spent = 0;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
