/**
 * One load-generator process of the bench (forked by bench/run.ts): its share of the contacts
 * and of the agents, each going through the same HTTP calls and pusher-js subscriptions as the
 * browser (contact API + chat secret; next-auth session cookie + server actions for agents).
 * In `floor` mode the same clients talk to bench/floor-server.ts instead.
 *
 * Every message carries its client id and the time its send call started in its text, so the
 * receiving side — often in another process — measures send-call-start → receipt. Sends go
 * through an outbox that retries with the same client id; transcripts catch up from the store
 * after a seq gap or a reconnect with the browser's own rules (lib/interactions/client/transcript-sync.ts).
 */
import { crc32, deflateSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import PusherClient from 'pusher-js';
import { WebSocket } from 'ws';
import { StaffClient } from '../scripts/lib/staff-client';
import { TranscriptSync } from '../lib/interactions/client/transcript-sync';
import { SigninGate } from '../lib/realtime/signin-gate';

type Side = 'contact' | 'agent';
interface Msg {
  seq: number;
  clientId: string | null;
  kind?: string;
  event?: string | null;
  senderType?: string;
  text: string;
  interactionId?: string;
}

export interface InitMsg {
  type: 'init';
  mode: 'product' | 'floor';
  index: number;
  appUrls: string[];
  realtime: { key: string; port: number };
  floorUrl?: string;
  agents: { email: string; password: string }[];
  /** index of this worker's first agent overall (spreads agents across app instances) */
  agentOffset: number;
  contacts: number;
  contactOffset: number;
  startRate: number;
  actionIds: { setState: string; accept: string };
  doubleAccept: boolean;
  /** Share of messages (0–1) that carry an image, uploaded first (as the composer does) and sent with the message. */
  imageShare: number;
  /** Size of each image, KB. */
  imageKb: number;
}

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const send = (m: unknown) => process.send!(m);
let init: InitMsg;

// ── telemetry, flushed to the parent once a second ───────────────────────────────────────────
type Receipt = [chatId: string, side: Side, clientId: string, seq: number, tRecv: number, latency: number, live: 0 | 1];
type Ack = [chatId: string, side: Side, clientId: string, seq: number, typedAt: number, callMs: number, attempts: number, duplicate: 0 | 1];
let receipts: Receipt[] = [];
let acks: Ack[] = [];
let errors: Record<string, number> = {};
const counters = { catchUps: 0, gapCatchUps: 0, disconnects: 0, subErrors: 0, liveDuplicates: 0, clientIdAtTwoSeqs: 0, typed: 0, images: 0, uploadRetries: 0 };
/** Client ids of the messages acknowledged with an image, and each upload's duration (ms), for the end-of-run check. */
const imageSends: { clientId: string; fileId: string }[] = [];
const uploadMs: number[] = [];
const err = (kind: string) => (errors[kind] = (errors[kind] ?? 0) + 1);

function flush() {
  const stats = {
    contactsActive: contacts.filter((c) => c.active).length,
    agentChats: [...views.values()].filter((v) => v.side === 'agent' && v.ready).length,
    agentsReady: agents.filter((a) => a.ready).length,
    pending: pending.size,
    ...counters,
  };
  send({ type: 'tick', receipts, acks, errors, stats });
  receipts = [];
  acks = [];
  errors = {};
}

// ── realtime connections ─────────────────────────────────────────────────────────────────────
interface Handlers {
  [event: string]: (data: any) => void;
}

interface Conn {
  socketId(): string | undefined;
  subscribe(name: string, h: Handlers): void;
  onConnected(fn: () => void): void;
  close(): void;
}

type Authorizer = (socketId: string, channel: string) => Promise<Response>;

/**
 * `signin` (staff): the socket signs in as its user first, and channels are authorized once it
 * has (the app grants staff channels only to a signed-in socket, as lib/realtime/client.ts does).
 */
function pusherConn(authorize: Authorizer, signin?: (socketId: string) => Promise<Response>): Conn {
  const gate = signin ? new SigninGate() : null;
  const p: PusherClient = new PusherClient(init.realtime.key, {
    cluster: 'bench',
    wsHost: '127.0.0.1',
    wsPort: init.realtime.port,
    forceTLS: false,
    enabledTransports: ['ws'],
    disableStats: true,
    channelAuthorization: {
      transport: 'ajax',
      endpoint: '/unused',
      customHandler: ({ socketId, channelName }, cb) => {
        (gate ? gate.wait(socketId) : Promise.resolve())
          .then(() => authorize(socketId, channelName))
          .then(async (res) => {
            if (!res.ok) throw new Error(`auth HTTP ${res.status}`);
            cb(null, (await res.json()) as { auth: string });
          })
          .catch((e: unknown) => cb(e instanceof Error ? e : new Error(String(e)), null));
      },
    },
    userAuthentication: {
      transport: 'ajax',
      endpoint: '/unused',
      customHandler: ({ socketId }, cb) => {
        if (!signin) return cb(new Error('no sign-in for this connection'), null);
        signin(socketId)
          .then(async (res) => {
            if (!res.ok) throw new Error(`user-auth HTTP ${res.status}`);
            cb(null, (await res.json()) as { auth: string; user_data: string });
          })
          .catch((e: unknown) => cb(e instanceof Error ? e : new Error(String(e)), null));
      },
    },
  });
  if (gate) {
    p.bind('pusher:signin_success', () => gate.signedInAs(p.connection.socket_id));
    p.user.bind('pusher:signin_error', () => gate.reset());
    p.connection.bind('state_change', ({ current }: { current: string }) => current !== 'connected' && gate.reset());
    p.signin();
  }
  const wanted = new Set<string>();
  const connected: Array<() => void> = [];
  let everConnected = false;
  p.connection.bind('state_change', ({ previous, current }: { previous: string; current: string }) => {
    if (previous === 'connected') counters.disconnects++;
    if (current === 'connected') {
      if (everConnected) for (const fn of connected) fn();
      everConnected = true;
    }
  });
  return {
    socketId: () => p.connection.socket_id,
    subscribe(name, h) {
      wanted.add(name);
      const ch = p.subscribe(name);
      for (const [ev, fn] of Object.entries(h)) ch.bind(ev, fn);
      ch.bind('pusher:subscription_error', () => {
        counters.subErrors++;
        // The browser would show "reconnecting"; retry on the same channel object.
        setTimeout(() => {
          if (wanted.has(name) && p.connection.state === 'connected') p.subscribe(name);
        }, 1000);
      });
    },
    onConnected: (fn) => connected.push(fn),
    close: () => p.disconnect(),
  };
}

function floorConn(): Promise<Conn> {
  const url = init.floorUrl!.replace(/^http/, 'ws');
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const subs = new Map<string, Handlers>();
  let sid: string | undefined;
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('close', () => counters.disconnects++);
    ws.on('message', (raw) => {
      const f = JSON.parse(String(raw)) as { event: string; channel?: string; data?: unknown; socketId?: string };
      if (f.event === 'connected') {
        sid = f.socketId;
        resolve({
          socketId: () => sid,
          subscribe(name, h) {
            subs.set(name, h);
            ws.send(JSON.stringify({ sub: name }));
          },
          onConnected: () => {},
          close: () => ws.close(),
        });
      } else if (f.event === 'subscribed') subs.get(f.channel!)?.['pusher:subscription_succeeded']?.(undefined);
      else subs.get(f.channel!)?.[f.event]?.(f.data);
    });
  });
}

// ── one client's view of one chat: its transcript by seq ─────────────────────────────────────
/**
 * The ordering, gap and catch-up rules are the browser's own (lib/interactions/client/transcript-sync.ts);
 * this class only adds the bench's telemetry: when each message was first seen, and how.
 */
class View {
  /** First sighting of each seq (telemetry only): seq → clientId, or sys:<event>. */
  private seen = new Map<number, string>();
  readonly sync: TranscriptSync<Msg>;
  ready = false;
  constructor(
    readonly chatId: string,
    readonly side: Side,
    readonly sendCall: (clientId: string, text: string, socketId?: string, attachmentIds?: string[]) => Promise<Response>,
    readonly fetchAfter: (seq: number) => Promise<Msg[]>,
    readonly conn: Conn,
    /** Uploads one file as the raw body under a client id (the product's file endpoints, or the floor's). */
    readonly uploadCall?: (clientId: string, bytes: Uint8Array) => Promise<Response>,
  ) {
    this.sync = new TranscriptSync<Msg>({
      fetchAfter: async (after) => {
        counters.catchUps++;
        if (this.sync.state.held.length > 0) counters.gapCatchUps++;
        try {
          const batch = await this.fetchAfter(after);
          this.record(batch, 'catchup');
          return batch;
        } catch (e) {
          err(`catch-up ${errKind(e)}`);
          throw e;
        }
      },
    });
  }

  /** The seqs this client holds (shown or held back), as compared with the store at the end. */
  entries(): [number, string][] {
    const { messages, held } = this.sync.state;
    return [...messages, ...held].map((m) => [m.seq, keyOf(m)] as [number, string]).sort((a, b) => a[0] - b[0]);
  }

  apply(ms: Msg[], how: 'live' | 'catchup' | 'ack') {
    this.record(ms, how);
    this.sync.receive(ms);
  }

  private record(ms: readonly Msg[], how: 'live' | 'catchup' | 'ack') {
    const t = now();
    for (const m of ms) {
      const key = keyOf(m);
      const known = this.seen.get(m.seq);
      if (known !== undefined) {
        if (how === 'live' && known === key && !key.startsWith('sys:')) counters.liveDuplicates++;
        continue;
      }
      this.seen.set(m.seq, key);
      if (m.clientId && m.text && how !== 'ack') {
        const [cid, typed] = m.text.split(' ');
        // only the other side's bench messages count as receipts
        if (cid === m.clientId && typed && ((this.side === 'agent') === (m.senderType !== 'AGENT'))) {
          receipts.push([this.chatId, this.side, cid, m.seq, t, t - Number(typed), how === 'live' ? 1 : 0]);
        }
      }
    }
  }

  /** Reads the store after the last contiguous seq (a call during a read gets one more read). */
  catchUp(): Promise<void> {
    return this.sync.catchUp();
  }
}

const keyOf = (m: Msg) => m.clientId ?? `sys:${m.event ?? ''}`;

function errKind(e: unknown): string {
  const c = (e as { cause?: { code?: string } })?.cause?.code;
  return c ?? (e as Error)?.name ?? 'error';
}

const views = new Map<string, View>(); // `${chatId}:${side}`
const pending = new Map<string, { view: View; clientId: string }>();
const gaveUp: string[] = [];
const FILLER = 'Hello, I have a question about my order and the delivery date, could you help me please?';

/**
 * A valid PNG of about `kb` KB: random RGB pixels (incompressible, so the size holds) in stored
 * deflate blocks, with correct CRCs; every call gives different bytes (no two uploads share content).
 */
function makePng(kb: number): Buffer {
  const width = 256;
  const rowBytes = width * 3 + 1;
  const height = Math.max(1, Math.ceil((kb * 1024 - 100) / rowBytes));
  const raw = randomBytes(rowBytes * height);
  for (let y = 0; y < height; y++) raw[y * rowBytes] = 0; // filter type None
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 0 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Uploads the image under the message's client id, retried with that id (idempotent) until stored or refused. */
async function uploadImage(view: View, clientId: string, hard: { stop: boolean }): Promise<string | null> {
  const png = makePng(init.imageKb);
  const t0 = now();
  for (let attempt = 1; ; attempt++) {
    let retryable = true;
    let retryAfterMs = 0;
    try {
      const res = await view.uploadCall!(clientId, png);
      const body = (await res.json().catch(() => ({}))) as { file?: { id: string }; error?: { code?: string; reason?: string } };
      if (res.ok && body.file) {
        uploadMs.push(now() - t0);
        return body.file.id;
      }
      err(`upload HTTP ${res.status} ${body.error?.reason ?? body.error?.code ?? ''}`.trim());
      retryable = res.status >= 500 || res.status === 429 || res.status === 408;
      retryAfterMs = Number(res.headers.get('retry-after') ?? 0) * 1000 || 0;
    } catch (e) {
      err(`upload ${errKind(e)}`);
    }
    if (!retryable || hard.stop) return null;
    counters.uploadRetries++;
    await sleep(retryDelayMs(attempt, retryAfterMs));
  }
}

/** The outbox: one attempt after another with the same client id until stored or refused. */
async function outboxSend(view: View, clientId: string, hard: { stop: boolean }) {
  counters.typed++;
  pending.set(clientId, { view, clientId });
  // A share of the messages carry an image: uploaded first, as the composer does when a file is
  // picked, then sent with the message through the same outbox and client id.
  let attachmentIds: string[] | undefined;
  if (view.uploadCall && init.imageShare > 0 && Math.random() < init.imageShare) {
    const fileId = await uploadImage(view, clientId, hard);
    if (!fileId) {
      err('upload given up');
      gaveUp.push(clientId);
      pending.delete(clientId);
      return;
    }
    attachmentIds = [fileId];
    counters.images++;
  }
  const typedAt = now();
  const text = `${clientId} ${typedAt.toFixed(3)} ${FILLER}`;
  for (let attempt = 1; ; attempt++) {
    const t0 = now();
    let retryable = true;
    let retryAfterMs = 0;
    try {
      const res = await view.sendCall(clientId, text, view.conn.socketId(), attachmentIds);
      const callMs = now() - t0;
      const body = (await res.json().catch(() => ({}))) as { message?: Msg; error?: { code?: string } };
      if (res.ok && body.message) {
        acks.push([view.chatId, view.side, clientId, body.message.seq, typedAt, callMs, attempt, attempt > 1 ? 1 : 0]);
        view.apply([{ ...body.message, clientId }], 'ack');
        if (attachmentIds) imageSends.push({ clientId, fileId: attachmentIds[0]! });
        pending.delete(clientId);
        return;
      }
      err(`send HTTP ${res.status} ${body.error?.code ?? (res.ok ? 'body not read (timeout)' : '')}`.trim());
      retryable = res.ok || res.status >= 500 || res.status === 429 || res.status === 408;
      retryAfterMs = Number(res.headers.get('retry-after') ?? 0) * 1000 || 0;
    } catch (e) {
      err(`send ${errKind(e)}`);
    }
    if (!retryable || hard.stop) {
      err('send given up');
      gaveUp.push(clientId);
      pending.delete(clientId);
      return;
    }
    // As the browser's outbox does: exponential back-off with full jitter, never sooner than the
    // server's Retry-After, so a shedding server is not hit again by every client at once.
    await sleep(retryDelayMs(attempt, retryAfterMs));
  }
}

function retryDelayMs(attempt: number, retryAfterMs: number): number {
  const ceiling = Math.min(200 * 2 ** (attempt - 1), 4000);
  return Math.max(retryAfterMs, 0) + Math.random() * ceiling;
}

// ── contacts ────────────────────────────────────────────────────────────────────────────────
interface Contact {
  n: number;
  chatId: string;
  active: boolean;
  view: View;
}
const contacts: Contact[] = [];

function fetchWithTimeout(url: string, init: RequestInit, ms = 15_000) {
  return fetch(url, { ...init, signal: AbortSignal.timeout(ms) });
}

async function startContactProduct(n: number): Promise<void> {
  const appUrl = init.appUrls[n % init.appUrls.length]!;
  // Each contact is its own client address (as a proxy in front would say), so the per-address
  // start budget does not refuse the bench's contacts; the global budget still counts them all.
  const xff = `10.${n >> 16 & 255}.${(n >> 8) & 255}.${n & 255}`;
  const common = { 'x-forwarded-for': xff };
  let started: { chatId: string; secret: string } | undefined;
  for (let attempt = 0; !started; attempt++) {
    try {
      const res = await fetchWithTimeout(`${appUrl}/api/v1/chats`, {
        method: 'POST',
        headers: { ...common, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Bench contact ${n}`, question: 'Where is my order?', language: 'en' }),
      });
      if (res.status === 201) started = (await res.json()) as { chatId: string; secret: string };
      else err(`start HTTP ${res.status}`);
    } catch (e) {
      err(`start ${errKind(e)}`);
    }
    if (!started) {
      if (attempt > 20) throw new Error('could not start a chat');
      await sleep(500 * (attempt + 1));
    }
  }
  const { chatId, secret } = started;
  const bearer = { ...common, authorization: `Bearer ${secret}` };
  const conn = pusherConn((socketId, channel) =>
    fetchWithTimeout(`${appUrl}/api/pusher/auth`, {
      method: 'POST',
      headers: { ...common, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ socket_id: socketId, channel_name: channel, chat_id: chatId, chat_secret: secret }),
    }),
  );
  const view = new View(
    chatId,
    'contact',
    (clientId, text, socketId, attachmentIds) =>
      fetchWithTimeout(`${appUrl}/api/v1/chats/${chatId}/messages`, {
        method: 'POST',
        headers: { ...bearer, 'content-type': 'application/json', ...(socketId ? { 'x-socket-id': socketId } : {}) },
        body: JSON.stringify({ clientId, text, ...(attachmentIds ? { attachmentIds } : {}) }),
      }),
    async (after) => {
      const res = await fetchWithTimeout(`${appUrl}/api/v1/chats/${chatId}?after=${after}`, { headers: bearer });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as { status: string; messages: Msg[] };
      if (body.status === 'ACTIVE') markActive();
      return body.messages;
    },
    conn,
    (clientId, bytes) =>
      fetchWithTimeout(
        `${appUrl}/api/v1/chats/${chatId}/files`,
        { method: 'POST', headers: { ...bearer, 'content-type': 'image/png', 'x-client-id': clientId, 'x-file-name': `${clientId}.png` }, body: new Uint8Array(bytes) },
        60_000,
      ),
  );
  const c: Contact = { n, chatId, active: false, view };
  contacts.push(c);
  views.set(`${chatId}:contact`, view);
  function markActive() {
    if (c.active) return;
    c.active = true;
    view.ready = true;
  }
  conn.subscribe(`private-chat-${chatId}`, {
    message: (m: Msg) => view.apply([m], 'live'),
    interaction: (e: { status: string }) => e.status === 'ACTIVE' && markActive(),
    'pusher:subscription_succeeded': () => void view.catchUp(),
  });
  conn.subscribe(`presence-contact-${chatId}`, {});
  conn.onConnected(() => void view.catchUp());
  // Not every status change has a message; look again now and then until an agent has it.
  void (async () => {
    while (!c.active) {
      await sleep(3000);
      if (!c.active) await view.catchUp();
    }
  })();
}

// ── agents ──────────────────────────────────────────────────────────────────────────────────
interface Agent {
  ready: boolean;
  conn?: Conn;
  floorChats: string[];
}
const agents: Agent[] = [];
const acceptResults: { invitationId: string; oks: number; answers: number }[] = [];

async function action(staff: StaffClient, id: string, input: unknown): Promise<{ ok: boolean; code?: string }> {
  const r = await staff.action<{ data?: unknown; serverError?: { code?: string }; validationErrors?: unknown }>('/agent', id, input);
  if (r.result?.data !== undefined) return { ok: true };
  return { ok: false, code: r.result?.serverError?.code ?? (r.result?.validationErrors ? 'validation' : `HTTP ${r.status}`) };
}

async function startAgentProduct(i: number, login: { email: string; password: string }): Promise<void> {
  const k = init.agentOffset + i;
  const appUrl = init.appUrls[k % init.appUrls.length]!;
  const staff = new StaffClient(appUrl);
  await staff.signIn(login.email, login.password);
  // Scale-out: the same agent also signed in on the other instance, to race its own accepts there.
  let twin: StaffClient | undefined;
  if (init.doubleAccept && init.appUrls.length > 1) {
    twin = new StaffClient(init.appUrls[(k + 1) % init.appUrls.length]!);
    await twin.signIn(login.email, login.password);
  }
  const ws = await staff.json<{ me: { id: string } }>('/api/agent/workspace');
  if (ws.status !== 200) throw new Error(`workspace HTTP ${ws.status}`);
  const userId = ws.body.me.id;
  const agent: Agent = { ready: false, floorChats: [] };
  agents.push(agent);
  const conn = pusherConn(
    (socketId, channel) =>
      staff.fetch('/api/pusher/auth', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ socket_id: socketId, channel_name: channel }),
        signal: AbortSignal.timeout(15_000),
      }),
    (socketId) =>
      staff.fetch('/api/pusher/user-auth', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ socket_id: socketId }),
        signal: AbortSignal.timeout(15_000),
      }),
  );
  agent.conn = conn;
  const setReady = async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const r = await action(staff, init.actionIds.setState, { status: 'READY' });
        if (r.ok) return;
        err(`setState ${r.code}`);
      } catch (e) {
        err(`setState ${errKind(e)}`);
      }
      await sleep(1000);
    }
  };
  const openChat = async (interactionId: string) => {
    if (views.has(`${interactionId}:agent`)) return;
    const view = new View(
      interactionId,
      'agent',
      (clientId, text, socketId, attachmentIds) =>
        staff.fetch(`/api/interactions/${interactionId}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(socketId ? { 'x-socket-id': socketId } : {}) },
          body: JSON.stringify({ clientId, text, ...(attachmentIds ? { attachmentIds } : {}) }),
          signal: AbortSignal.timeout(15_000),
        }),
      async (after) => {
        const res = await staff.fetch(`/api/interactions/${interactionId}?after=${after}`, { signal: AbortSignal.timeout(15_000) });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return ((await res.json()) as { messages: Msg[] }).messages;
      },
      conn,
      (clientId, bytes) =>
        staff.fetch(`/api/interactions/${interactionId}/files`, {
          method: 'POST',
          headers: { 'content-type': 'image/png', 'x-client-id': clientId, 'x-file-name': `${clientId}.png` },
          body: new Uint8Array(bytes),
          signal: AbortSignal.timeout(60_000),
        }),
    );
    views.set(`${interactionId}:agent`, view);
    // As the agent page does: the chat's detail (with its transcript), then its channel.
    const detail = await staff.fetch(`/api/interactions/${interactionId}`, { signal: AbortSignal.timeout(15_000) });
    if (detail.ok) view.apply(((await detail.json()) as { messages: Msg[] }).messages, 'catchup');
    else err(`detail HTTP ${detail.status}`);
    conn.subscribe(`private-chat-${interactionId}`, {
      message: (m: Msg) => view.apply([m], 'live'),
      'pusher:subscription_succeeded': () => {
        void view.catchUp().then(() => (view.ready = true));
      },
    });
    conn.onConnected(() => void view.catchUp());
  };
  const onInvitation = async (e: { invitationId: string; interactionId: string }) => {
    const calls = [action(staff, init.actionIds.accept, { invitationId: e.invitationId })];
    if (twin) calls.push(action(twin, init.actionIds.accept, { invitationId: e.invitationId }));
    const results = await Promise.allSettled(calls);
    const oks = results.filter((r) => r.status === 'fulfilled' && r.value.ok).length;
    for (const r of results) {
      if (r.status === 'rejected') err(`accept ${errKind(r.reason)}`);
      else if (!r.value.ok && !twin) err(`accept ${r.value.code}`);
    }
    acceptResults.push({ invitationId: e.invitationId, oks, answers: results.length });
    if (oks > 0) await openChat(e.interactionId);
  };
  await new Promise<void>((resolve) => {
    conn.subscribe(`private-user-${userId}`, {
      invitation: (e: { invitationId: string; interactionId: string }) => void onInvitation(e).catch((x) => err(`accept ${errKind(x)}`)),
      'invitation-resolved': (e: { status: string }) => {
        // A lapsed offer sets the agent Not Ready (R2); the bench agent goes Ready again.
        if (e.status === 'EXPIRED') {
          err('offer expired');
          void setReady();
        }
      },
      'pusher:subscription_succeeded': () => resolve(),
    });
  });
  await setReady();
  agent.ready = true;
}

/** Bench client ids are <phase>-<worker><a|c>-<n>: a for agents, c for contacts. */
function senderOf(clientId: string | null): string {
  return clientId?.split('-')[1]?.endsWith('a') ? 'AGENT' : 'CONTACT';
}

// ── floor clients ───────────────────────────────────────────────────────────────────────────
async function floorView(chatId: string, side: Side, conn: Conn): Promise<View> {
  const base = init.floorUrl!;
  const view = new View(
    chatId,
    side,
    (clientId, text, socketId, attachmentIds) =>
      fetchWithTimeout(`${base}/chats/${chatId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(socketId ? { 'x-socket-id': socketId } : {}) },
        body: JSON.stringify({ clientId, text, side, ...(attachmentIds ? { attachmentIds } : {}) }),
      }),
    async (after) => ((await (await fetchWithTimeout(`${base}/chats/${chatId}?after=${after}`, {})).json()) as { messages: Msg[] }).messages.map((m) => ({ ...m, senderType: senderOf(m.clientId) })),
    conn,
    (clientId, bytes) => fetchWithTimeout(`${base}/chats/${chatId}/files`, { method: 'POST', headers: { 'x-client-id': clientId }, body: new Uint8Array(bytes) }, 60_000),
  );
  views.set(`${chatId}:${side}`, view);
  await new Promise<void>((resolve) =>
    conn.subscribe(chatId, {
      // The floor's messages carry no sender type; bench client ids say which side sent them.
      message: (m: Msg) => view.apply([{ ...m, senderType: senderOf(m.clientId) }], 'live'),
      'pusher:subscription_succeeded': () => resolve(),
    }),
  );
  view.ready = true;
  return view;
}

async function setupFloor(): Promise<void> {
  // The floor has no accounts: a load generator given no agent (fewer agents than load
  // generators, e.g. --chats 5) still needs one connection for its chats' agent side.
  const agentConns = await Promise.all((init.agents.length > 0 ? init.agents : [undefined]).map(() => floorConn()));
  agentConns.forEach(() => agents.push({ ready: true, floorChats: [] }));
  await pool(init.contacts, Math.max(1, Math.round(init.startRate)), async (i) => {
    const res = await fetchWithTimeout(`${init.floorUrl}/chats`, { method: 'POST', body: '{}' });
    const { chatId } = (await res.json()) as { chatId: string };
    const conn = await floorConn();
    const view = await floorView(chatId, 'contact', conn);
    contacts.push({ n: init.contactOffset + i, chatId, active: true, view });
    await floorView(chatId, 'agent', agentConns[i % agentConns.length]!);
  });
}

/** Runs fn(0…n-1) at most `perSecond` starts a second, with some concurrency. */
async function pool(n: number, perSecond: number, fn: (i: number) => Promise<void>): Promise<void> {
  const t0 = Date.now();
  const running = new Set<Promise<void>>();
  for (let i = 0; i < n; i++) {
    const due = t0 + (i * 1000) / perSecond;
    if (due > Date.now()) await sleep(due - Date.now());
    const p: Promise<void> = fn(i)
      .catch((e: unknown) => void err(`setup ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => running.delete(p));
    running.add(p);
    if (running.size >= 16) await Promise.race(running);
  }
  await Promise.all(running);
}

// ── load phases ─────────────────────────────────────────────────────────────────────────────
let counter = 0;
const hard = { stop: false };

async function runPhase(tag: string, rate: number, durationMs: number, startAt: number): Promise<void> {
  const interval = 1000 / rate;
  const end = startAt + durationMs;
  const sends: Promise<void>[] = [];
  const sides = [...views.values()].filter((v) => v.ready);
  await Promise.all(
    sides.map(async (view) => {
      // Each client types at `rate`, starting at a random point of its first interval.
      let next = startAt + Math.random() * interval;
      for (;;) {
        const wait = next - Date.now();
        if (wait > 0) await sleep(wait);
        if (Date.now() >= end) break;
        const clientId = `${tag}-${init.index}${view.side === 'agent' ? 'a' : 'c'}-${(counter++).toString(36).padStart(6, '0')}`;
        sends.push(outboxSend(view, clientId, hard));
        next += interval;
      }
    }),
  );
  await Promise.race([Promise.all(sends), sleep(60_000)]);
}

process.on('message', async (m: any) => {
  try {
    if (m.type === 'init') {
      init = m as InitMsg;
      setInterval(flush, 1000).unref();
      if (init.mode === 'floor') await setupFloor();
      else {
        await pool(init.agents.length, 8, (i) => startAgentProduct(i, init.agents[i]!));
        await pool(init.contacts, init.startRate, (i) => startContactProduct(init.contactOffset + i));
      }
      flush();
      send({ type: 'setupDone' });
    } else if (m.type === 'phase') {
      await runPhase(m.tag, m.rate, m.durationMs, m.startAt);
      flush();
      send({ type: 'phaseDone', tag: m.tag });
    } else if (m.type === 'flush') {
      flush();
      send({ type: 'flushed' });
    } else if (m.type === 'finish') {
      // Wait for the outbox to empty, then catch every transcript up from the store.
      const deadline = Date.now() + (m.timeoutMs ?? 60_000);
      while (pending.size > 0 && Date.now() < deadline) await sleep(200);
      const left = [...pending.keys()];
      hard.stop = true;
      const all = [...views.values()];
      for (let i = 0; i < all.length; i += 32) await Promise.all(all.slice(i, i + 32).map((v) => v.catchUp()));
      flush();
      send({
        type: 'finished',
        pendingLeft: left,
        gaveUp,
        acceptResults,
        imageSends,
        uploadMs,
        views: all.map((v) => ({ chatId: v.chatId, side: v.side, entries: v.entries() })),
      });
    } else if (m.type === 'exit') {
      for (const a of agents) a.conn?.close();
      for (const v of views.values()) v.conn.close();
      setTimeout(() => process.exit(0), 200);
    }
  } catch (e) {
    send({ type: 'fatal', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
process.on('disconnect', () => process.exit(0));
