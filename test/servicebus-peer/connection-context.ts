import type { Connection, Sender } from 'rhea';

/** What the peer knows about one client connection. */
export interface ConnectionContext {
  /** Audience path (lower case, no host) → token expiry, from accepted put-token requests. */
  authorised: Map<string, number>;
  /** Sender links that carry replies (`$cbs`, `$management`), by link name and by target address. */
  replyLinks: Map<string, Sender>;
}

/** One per peer: per-connection state lives as long as its connection object. */
export class ConnectionContexts {
  private readonly contexts = new WeakMap<Connection, ConnectionContext>();

  of(connection: Connection): ConnectionContext {
    let context = this.contexts.get(connection);
    if (!context) {
      context = { authorised: new Map(), replyLinks: new Map() };
      this.contexts.set(connection, context);
    }
    return context;
  }
}

/** `sb://host:port/Path/Sub` → `path/sub` (tokens are scoped by path; the host is the client's business). */
export function audiencePath(audience: string): string {
  return audience.replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/^\/+|\/+$/g, '').toLowerCase();
}

/** A token for an entity also covers its sub-queues and `$management`, as namespace-level tokens cover everything. */
export function isAuthorised(context: ConnectionContext, address: string, nowMs: number): boolean {
  const path = audiencePath(address);
  for (const [scope, expiresAtMs] of context.authorised) {
    if (expiresAtMs <= nowMs) continue;
    if (scope === '' || path === scope || path.startsWith(`${scope}/`)) return true;
  }
  return false;
}
