import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/main';

export const ADMIN_TOKEN = 'test-admin-token';
export const AGENT_TOKEN = 'test-agent-token';
export const WEBHOOK_SECRET = 'test-webhook-secret';

export interface TestCascade {
  readonly url: string;
  readonly dataDir: string;
  /** JSON call to the API with the admin token (or `token`); returns status and parsed body. */
  api<T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

/** Cascade in-process on 127.0.0.1 with a fresh data directory and known secrets. */
export async function startCascade(env: Record<string, string> = {}): Promise<TestCascade> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cascade-data-'));
  const server: RunningServer = await startServer({
    CASCADE_PORT: '0',
    CASCADE_DATA_DIR: dataDir,
    CASCADE_ADMIN_TOKEN: ADMIN_TOKEN,
    CASCADE_AGENT_TOKEN: AGENT_TOKEN,
    CASCADE_WEBHOOK_SECRET_ACR: WEBHOOK_SECRET,
    CASCADE_WEBHOOK_SECRET_EVENTGRID: WEBHOOK_SECRET,
    CASCADE_WEBHOOK_SECRET_DOCKERHUB: WEBHOOK_SECRET,
    CASCADE_WEBHOOK_SECRET_DISTRIBUTION: WEBHOOK_SECRET,
    // Tests that do not test the settle window expect each push matched as it comes.
    CASCADE_SETTLE_MS: '0',
    ...env,
  }, createLogger(env.CASCADE_LOG_LEVEL === undefined ? 'silent' : (env.CASCADE_LOG_LEVEL as 'info')));
  return {
    url: server.url,
    dataDir,
    async api<T>(method: string, path: string, body?: unknown, token = ADMIN_TOKEN) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
