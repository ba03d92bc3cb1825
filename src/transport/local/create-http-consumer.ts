import { callCascade } from '../../http/http-json';
import type { Consumer, ReceivedMessage } from '../transport';

/**
 * The local queue as an agent in another process sees it: the server's `/api/agent` long-poll
 * receive and settlement by lock token, behind the same Consumer port as Service Bus.
 */
export function createHttpConsumer(options: { server: string; token: string }): Consumer {
  const base = options.server.replace(/\/+$/, '');
  const call = <T>(method: string, path: string, body?: unknown) => callCascade<T>(base, options.token, method, path, body);
  const settle = (lockToken: string, action: string, body?: unknown) => call<void>('POST', `/api/agent/messages/${encodeURIComponent(lockToken)}/${action}`, body);
  return {
    async receive({ pool, max, waitMs }) {
      return (await call<{ messages: ReceivedMessage[] }>('POST', '/api/agent/receive', { pool, max, waitMs })).messages;
    },
    complete: (lockToken) => settle(lockToken, 'complete'),
    abandon: (lockToken) => settle(lockToken, 'abandon'),
    deadLetter: (lockToken, reason, description) => settle(lockToken, 'dead-letter', { reason, description: description.slice(0, 4096) }),
    async renewLock(lockToken) {
      return (await call<{ lockedUntil: string }>('POST', `/api/agent/messages/${encodeURIComponent(lockToken)}/renew`)).lockedUntil;
    },
    async close() {
      // Stateless over HTTP: nothing to release.
    },
  };
}
