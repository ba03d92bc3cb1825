import type { Server, Socket } from 'node:net';
import type { Container } from 'rhea';

/** The TCP side of the peer: listens, remembers its sockets, and can drop them all. */
export class Listener {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private boundPort: number;

  constructor(
    private readonly container: Container,
    private readonly host: string,
    port: number,
    private readonly connectionOptions: Record<string, unknown>,
  ) {
    this.boundPort = port;
  }

  get port(): number {
    return this.boundPort;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = this.container.listen({ ...this.connectionOptions, host: this.host, port: this.boundPort });
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const address = server.address();
    if (address && typeof address === 'object') this.boundPort = address.port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // With an error: rhea tears a connection down on the socket's 'error' or 'end', never on 'close'.
    for (const socket of this.sockets) socket.destroy(new Error('servicebus-peer stopped'));
    this.sockets.clear();
    await closed;
  }
}
