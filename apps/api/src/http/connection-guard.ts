import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '@koproduktiv/platform';

/** How often, at most, a full house is reported while it lasts. */
const REPORT_EVERY_MS = 10_000;

/**
 * Caps the open connections of an HTTP server. A connection beyond the cap makes room by closing
 * the connection that has waited longest without a request in flight (one that never sent a byte,
 * or a kept-alive one between requests); only when every connection is busy is the newcomer closed.
 * Refusing newcomers instead would let a few thousand idle sockets lock out every client, health
 * checks included, until their timeouts ran out. Idle connections are cheap to close: a client
 * between requests reconnects.
 */
export class ConnectionGuard {
  /** Connections without a request in flight, longest-waiting first (a Set keeps insertion order). */
  private readonly idle = new Set<Socket>();
  private open = 0;
  private closedSinceReport = 0;
  private lastReport = 0;

  constructor(
    server: Server,
    private readonly maxConnections: number,
    private readonly logger: Logger,
    private readonly clock = Date.now,
  ) {
    server.on('connection', (socket: Socket) => this.admit(socket));
    server.on('request', (request: IncomingMessage, response: ServerResponse) => this.busy(request.socket, response));
  }

  get openConnections(): number {
    return this.open;
  }

  private admit(socket: Socket): void {
    this.open += 1;
    this.idle.add(socket);
    socket.once('close', () => {
      this.open -= 1;
      this.idle.delete(socket);
    });
    if (this.open <= this.maxConnections) return;
    // The newcomer is in the set too, last: it is the one closed when no other connection is idle.
    (this.idle.values().next().value as Socket).destroy();
    this.report();
  }

  private busy(socket: Socket, response: ServerResponse): void {
    this.idle.delete(socket);
    response.once('close', () => {
      if (!socket.destroyed) this.idle.add(socket);
    });
  }

  private report(): void {
    this.closedSinceReport += 1;
    const now = this.clock();
    if (now - this.lastReport < REPORT_EVERY_MS) return;
    this.logger.warn(
      { maxConnections: this.maxConnections, closedConnections: this.closedSinceReport },
      'HTTP connection cap reached: closing the longest-idle connections to let new ones in (HTTP_MAX_CONNECTIONS)',
    );
    this.lastReport = now;
    this.closedSinceReport = 0;
  }
}
