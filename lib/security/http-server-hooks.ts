import http from 'node:http';
import type { Socket } from 'node:net';

/**
 * Two things Next.js's own Node server (`next start`) does not give route handlers, added where
 * the requests arrive: installed once per process from instrumentation.ts.
 *
 * 1. The TCP peer address. Next.js copies it into X-Forwarded-For only when the request has none,
 *    so without a proxy in front a client can name any address it likes. Every request gets
 *    PEER_ADDRESS_HEADER set to the socket's address, overwriting whatever the client sent under
 *    that name; `clientIp` (lib/http.ts) uses it unless TRUST_PROXY says a proxy sets the address.
 *
 * 2. A deterministic refusal of requests Node's parser rejects before any app code runs (a request
 *    line or headers over Node's 16 KB limit, malformed HTTP). Node's default answers 431/400 and
 *    destroys the socket at once, while the client may still be writing the rest of a large
 *    request: the unread bytes make the kernel send a reset, and the client sees "fetch failed"
 *    (EPIPE / ECONNRESET) instead of the answer, depending on timing. Here the answer is the same
 *    every time: the status with a JSON error like every other refusal, then our side of the
 *    connection is closed while the rest of the request is read and discarded (at most
 *    DRAIN_MAX_BYTES or DRAIN_MAX_MS), so the client always reads the status.
 */
export const PEER_ADDRESS_HEADER = 'x-chat-peer-address';
const DRAIN_MAX_BYTES = 16 * 1024 * 1024;
const DRAIN_MAX_MS = 10_000;

const INSTALLED = Symbol.for('chat.httpServerHooks');
const REFUSED = Symbol('chat.refused');

export function installHttpServerHooks(): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function patchedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      stampPeerAddress(args[0] as http.IncomingMessage);
    } else if (event === 'clientError' && this.listenerCount('clientError') === 0) {
      refuseClientError(args[0] as Error & { code?: string }, args[1] as Socket);
      return true;
    }
    return (emit as (event: string | symbol, ...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof proto.emit;
}

export function stampPeerAddress(req: http.IncomingMessage): void {
  req.headers[PEER_ADDRESS_HEADER] = req.socket?.remoteAddress ?? '';
}

const statusFor: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  HPE_HEADER_TIMEOUT: '408 Request Timeout',
};

export function refuseClientError(err: Error & { code?: string }, socket: Socket & { [REFUSED]?: boolean; _httpMessage?: { headersSent?: boolean } | null }): void {
  // Node calls this again for every later chunk the dead parser sees: answer once.
  if (socket[REFUSED]) return;
  socket[REFUSED] = true;
  const code = err.code ?? '';
  // Not a parse error (the connection broke) or a response already under way: nothing to answer.
  if (!code.startsWith('HPE_') || !socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const status = statusFor[code] ?? '400 Bad Request';
  const body = JSON.stringify({ error: { code: 'invalidInput', message: code === 'HPE_HEADER_OVERFLOW' ? 'request line or headers too large' : 'malformed request' } });
  // The parser no longer reads this socket: discard what the client is still sending.
  socket.removeAllListeners('data');
  let drained = 0;
  const timer = setTimeout(() => socket.destroy(), DRAIN_MAX_MS);
  timer.unref();
  socket.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) socket.destroy();
  });
  socket.on('end', () => socket.destroy());
  socket.on('close', () => clearTimeout(timer));
  socket.on('error', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  socket.resume();
}
