import { createServer, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AnsweringServer {
  /** `127.0.0.1:<port>`, as in image references. */
  readonly host: string;
  close(): Promise<void>;
}

/** A registry stand-in on 127.0.0.1 that gives every request the same answer (a 503, a 401). */
export async function startAnsweringServer(status: number, headers: OutgoingHttpHeaders = {}): Promise<AnsweringServer> {
  const body = JSON.stringify({ errors: [{ code: status === 401 ? 'UNAUTHORIZED' : 'UNAVAILABLE', message: `scripted ${status}` }] });
  const server = createServer((_req, res) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
