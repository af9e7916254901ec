/**
 * npx tsx bench/cluster-smoke.ts — the realtime half of the cluster, checked end to end: Redis,
 * two soketi nodes with the Redis adapter, nginx in front (deploy/ files). A client on each node
 * (through nginx and directly) receives an event triggered through nginx; after kill -9 of one
 * node, its client reconnects through nginx to the other node and receives the next event.
 * Exits 1 on any failure; where nginx or redis-server is missing, prints a clear "skipped" line
 * and exits 3 (scripts/test-all.sh then counts nothing).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Pusher from 'pusher';
import WebSocket from 'ws';
import { ClusterTopology, clusterUnavailable } from './cluster-topology';

const why = clusterUnavailable();
if (why) {
  console.log(`cluster smoke skipped: ${why}`);
  process.exit(3);
}
const say = (l: string) => console.log(`[cluster] ${l}`);
const creds = { PUSHER_APP_ID: String(crypto.randomInt(100000, 999999)), PUSHER_KEY: crypto.randomBytes(10).toString('hex'), PUSHER_SECRET: crypto.randomBytes(20).toString('hex') };
const hooks: unknown[] = [];
const hookServer = http.createServer((req, res) => {
  let b = '';
  req.on('data', (c: Buffer) => (b += c));
  req.on('end', () => {
    hooks.push(JSON.parse(b));
    res.end('{}');
  });
});
await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-smoke-logs-'));
const topo = new ClusterTopology({
  creds,
  nodes: 2,
  logDir,
  say,
  webhookUrl: () => `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`,
  appPorts: () => [(hookServer.address() as AddressInfo).port],
});

function client(port: number, name: string) {
  const received: string[] = [];
  let ws: WebSocket;
  const open = () =>
    new Promise<void>((resolve, reject) => {
      ws = new WebSocket(`ws://127.0.0.1:${port}/app/${creds.PUSHER_KEY}?protocol=7&client=smoke&version=8`);
      ws.on('message', (m: Buffer) => {
        const e = JSON.parse(String(m)) as { event: string; data?: string };
        if (e.event === 'pusher:connection_established') ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel: 'smoke' } }));
        else if (e.event === 'pusher_internal:subscription_succeeded') resolve();
        else if (e.event === 'tick') received.push(`${name}:${String(e.data)}`);
      });
      ws.on('error', reject);
    });
  return { received, open, closed: () => new Promise<void>((r) => (ws.readyState === WebSocket.CLOSED ? r() : ws.once('close', () => r()))), close: () => ws.close() };
}

async function waitUntil(what: string, ok: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let failed = false;
try {
  await topo.startRedis();
  for (let i = 0; i < 2; i++) await topo.startNode(i);
  await topo.startNginx();
  const api = new Pusher({ appId: creds.PUSHER_APP_ID, key: creds.PUSHER_KEY, secret: creds.PUSHER_SECRET, host: '127.0.0.1', port: String(topo.lbPort), useTLS: false });
  const a = client(topo.nodePorts[0]!, 'A'); // on node 0 directly
  const b = client(topo.nodePorts[1]!, 'B'); // on node 1 directly
  await Promise.all([a.open(), b.open()]);
  await api.trigger('smoke', 'tick', '1');
  await waitUntil('event 1 on both nodes', () => a.received.includes('A:1') && b.received.includes('B:1'));
  say('an event triggered through nginx reached clients on both nodes (Redis adapter)');
  const metrics = await (await fetch(`http://127.0.0.1:${topo.nodeMetricsPorts[0]}/metrics`)).text();
  if (!/^soketi_connected\b.* 1$/m.test(metrics)) throw new Error('soketi node 0 metrics do not show its one connection');
  say('soketi metrics: node 0 reports its connection');

  // kill -9 node 0; a client that reconnects through nginx lands on node 1 and receives.
  topo.killNode(0);
  await a.closed();
  const c = client(topo.lbPort, 'C');
  await c.open();
  await api.trigger('smoke', 'tick', '2');
  await waitUntil('event 2 after the kill', () => c.received.includes('C:2') && b.received.includes('B:2'));
  say('after kill -9 of node 0: a client reconnected through nginx and received the next event');
  b.close();
  c.close();
} catch (e) {
  failed = true;
  console.error(`cluster smoke FAILED: ${e instanceof Error ? e.message : String(e)} (logs in ${logDir})`);
} finally {
  await topo.stop();
  hookServer.close();
}
process.exit(failed ? 1 : 0);
