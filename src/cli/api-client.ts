import { loadConfig } from '../config';
import { readStoredSecret } from '../secrets/load-secrets';
import { CliExit } from './cli-exit';

export interface ApiClientOptions {
  readonly server: string;
  readonly env: NodeJS.ProcessEnv;
  readonly token: 'admin' | 'agent';
}

/**
 * The CLI's client for the REST API. The token comes from `CASCADE_ADMIN_TOKEN` (or
 * `CASCADE_AGENT_TOKEN`), else from the server's data directory when it runs on this host.
 */
export function createApiClient(options: ApiClientOptions) {
  const base = options.server.replace(/\/+$/, '');
  const variable = options.token === 'admin' ? 'CASCADE_ADMIN_TOKEN' : 'CASCADE_AGENT_TOKEN';
  const token = options.env[variable] ?? readStoredSecret(loadConfig(options.env).dataDir, options.token);

  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!token) throw new CliExit(`set ${variable} (the server prints where it keeps it)`, 1);
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new CliExit(`cannot reach Cascade at ${base} (${reason}); is "cascade serve" running? (--server or CASCADE_URL)`, 1);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    if (response.ok && response.headers.get('content-type')?.startsWith('text/plain')) return text as T;
    const json = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new CliExit(error ? `${error.code}: ${error.message}` : `HTTP ${response.status} from ${base}${path}`, 1);
    }
    return json as T;
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export type ApiCall = ReturnType<typeof createApiClient>;
