/**
 * The floor: the least a chat server must do per message — a bare `ws` relay plus one durable
 * INSERT per message into the same PostgreSQL (plain `pg`, no ORM, no framework, no auth).
 * Same shape as the product so the figures compare: a send is an HTTP POST answered with the
 * message's seq once it is stored, then relayed over WebSocket to the chat's other subscribers.
 *
 *   POST /chats                        → { chatId }
 *   POST /chats/:id/messages {clientId, text}  (x-socket-id: sender's socket, not echoed)
 *   GET  /chats/:id?after=N            → { messages }
 *   POST /chats/:id/files (raw body, x-client-id) → { file: { id } }: written to a temp file and
 *        fsync'd (the least a durable file store does), once per client id; a message may then
 *        name it in `attachmentIds` (kept with the message).
 *   WS   /  {"sub": chatId} → {"subscribed": chatId};  pushes {"event":"message","data":{…}}
 *
 * Env: DATABASE_URL, FLOOR_PORT (0 = any). Prints {"msg":"listening","port":N}.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(`CREATE TABLE IF NOT EXISTS bench_floor_message (
  chat_id text NOT NULL, seq int NOT NULL, client_id text NOT NULL, text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (chat_id, seq), UNIQUE (chat_id, client_id))`);
await pool.query(`ALTER TABLE bench_floor_message ADD COLUMN IF NOT EXISTS files text[]`);
const fileDir = path.join(os.tmpdir(), `bench-floor-files-${process.pid}`);
mkdirSync(fileDir, { recursive: true });
const uploads = new Map<string, string>(); // chatId:clientId → file id

function bytes(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

const rooms = new Map<string, Set<WebSocket>>();
const socketIds = new Map<string, WebSocket>();
const lastSeq = new Map<string, number>();
let nextChat = 0;
let nextSocket = 0;
const run = Date.now().toString(36);

function body(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (s += d));
    req.on('end', () => resolve(s));
    req.on('error', reject);
  });
}

function json(res: http.ServerResponse, status: number, data: unknown) {
  const s = JSON.stringify(data);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s) });
  res.end(s);
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').filter(Boolean);
    if (req.method === 'POST' && parts.length === 1 && parts[0] === 'chats') {
      await body(req);
      const chatId = `f${run}c${nextChat++}`;
      lastSeq.set(chatId, 0);
      return json(res, 201, { chatId });
    }
    if (parts[0] === 'chats' && parts[1] && lastSeq.has(parts[1])) {
      const chatId = parts[1];
      if (req.method === 'POST' && parts[2] === 'files') {
        const data = await bytes(req);
        const key = `${chatId}:${String(req.headers['x-client-id'] ?? '')}`;
        let id = uploads.get(key);
        if (!id) {
          id = randomUUID();
          const fh = await open(path.join(fileDir, id), 'w');
          try {
            await fh.writeFile(data);
            await fh.sync();
          } finally {
            await fh.close();
          }
          uploads.set(key, id);
        }
        return json(res, 201, { file: { id } });
      }
      if (req.method === 'POST' && parts[2] === 'messages') {
        const { clientId, text, attachmentIds } = JSON.parse(await body(req)) as { clientId: string; text: string; attachmentIds?: string[] };
        const seq = lastSeq.get(chatId)! + 1;
        lastSeq.set(chatId, seq);
        const r = await pool.query<{ seq: number }>(
          `INSERT INTO bench_floor_message (chat_id, seq, client_id, text, files) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (chat_id, client_id) DO NOTHING RETURNING seq`,
          [chatId, seq, clientId, text, attachmentIds ?? null],
        );
        if (!r.rows[0]) {
          const prior = await pool.query<{ seq: number }>(`SELECT seq FROM bench_floor_message WHERE chat_id = $1 AND client_id = $2`, [chatId, clientId]);
          return json(res, 200, { message: { seq: prior.rows[0]?.seq, clientId, text } });
        }
        const message = { interactionId: chatId, seq, clientId, text, kind: 'TEXT' };
        const frame = JSON.stringify({ event: 'message', channel: chatId, data: message });
        const except = socketIds.get(String(req.headers['x-socket-id'] ?? ''));
        for (const ws of rooms.get(chatId) ?? []) if (ws !== except && ws.readyState === 1) ws.send(frame);
        return json(res, 200, { message });
      }
      if (req.method === 'GET' && parts.length === 2) {
        const after = Number(url.searchParams.get('after') ?? 0);
        const r = await pool.query(`SELECT seq, client_id AS "clientId", text FROM bench_floor_message WHERE chat_id = $1 AND seq > $2 ORDER BY seq LIMIT 1000`, [chatId, after]);
        return json(res, 200, { messages: r.rows.map((m) => ({ ...m, interactionId: chatId, kind: 'TEXT' })) });
      }
    }
    json(res, 404, { error: 'not found' });
  } catch (e) {
    json(res, 500, { error: String(e) });
  }
});

const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (ws) => {
  const id = `${process.pid}.${nextSocket++}`;
  socketIds.set(id, ws);
  ws.send(JSON.stringify({ event: 'connected', socketId: id }));
  const mine = new Set<string>();
  ws.on('message', (raw) => {
    try {
      const m = JSON.parse(String(raw)) as { sub?: string };
      if (m.sub) {
        let room = rooms.get(m.sub);
        if (!room) rooms.set(m.sub, (room = new Set()));
        room.add(ws);
        mine.add(m.sub);
        ws.send(JSON.stringify({ event: 'subscribed', channel: m.sub }));
      }
    } catch {
      /* ignore */
    }
  });
  ws.on('close', () => {
    socketIds.delete(id);
    for (const r of mine) rooms.get(r)?.delete(ws);
  });
});

server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.FLOOR_PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(JSON.stringify({ msg: 'listening', port }) + '\n');
});
process.on('exit', () => rmSync(fileDir, { recursive: true, force: true }));
for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => process.exit(0));
