import http from 'node:http';
import type { Duplex } from 'node:stream';

// The HTTP part of the server: one node:http server carrying the REST API (http-api.ts) and the
// WebSocket upgrades (handed to the connection part).

export interface HttpServerOptions {
  host: string;
  port: number;
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;
  upgrade: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;
}

export interface HttpServer {
  port: number;
  /** Stops accepting; resolves once every HTTP connection is closed (the sockets' own closing is the connection part's). */
  close(afterIdle: () => Promise<void>): Promise<void>;
}

export async function listenHttp(opts: HttpServerOptions): Promise<HttpServer> {
  const server = http.createServer((req, res) => void opts.handler(req, res));
  // Longer than typical client agents' idle timeouts, so keep-alive sockets are closed by the client side.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('upgrade', opts.upgrade);
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;

  return {
    port,
    async close(afterIdle) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await afterIdle();
      server.closeAllConnections();
      await closed;
    },
  };
}
