// Issue 16: one access vocabulary on both lanes. The route wrapper (staffRoute, the core of
// withStaff) and the action clients (staffActionClients, the factory of agentAction, chatAction …)
// refuse the wrong role and the wrong chat alike, with real sessions: next-auth session cookies
// encoded with the app's secret and each account's session version, read back by the app's own
// cookie decoder (the fast lane's resolver), against the seeded database.
import { encode } from 'next-auth/jwt';
import { z } from 'zod';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadFixtures, type Fixtures, type Staff } from '@/test/db-fixtures';

let f: Fixtures;
let route: typeof import('./staff-route');
let roles: typeof import('./staff-roles');
let actions: typeof import('@/lib/safe-action');
let tokens: typeof import('@/lib/auth/session-token');
let hot: typeof import('@/lib/api/hot-routes');
let env: typeof import('@/lib/env').env;

beforeAll(async () => {
  f = await loadFixtures();
  [route, roles, actions, tokens, hot, { env }] = await Promise.all([
    import('./staff-route'),
    import('./staff-roles'),
    import('@/lib/safe-action'),
    import('@/lib/auth/session-token'),
    import('@/lib/api/hot-routes'),
    import('@/lib/env'),
  ]);
});

let chatId: string;
beforeEach(async () => {
  await f.reset();
  chatId = (await f.activeFor(f.agents.agent1)).chatId;
});

type Caller = 'nobody' | 'owner' | 'otherAgent' | 'supervisor' | 'admin';
const CALLERS: Caller[] = ['nobody', 'owner', 'otherAgent', 'supervisor', 'admin'];

const staffOf = (who: Caller): Staff | null =>
  who === 'nobody' ? null : who === 'owner' ? f.agents.agent1 : who === 'otherAgent' ? f.agents.agent2 : who === 'supervisor' ? f.agents.supervisor : f.agents.admin;
const idOf = (who: Caller) => staffOf(who)?.id;

async function cookieOf(who: Caller): Promise<string | null> {
  const staff = staffOf(who);
  if (!staff) return null;
  const { sessionVersion } = await f.db.user.findUniqueOrThrow({ where: { id: staff.id }, select: { sessionVersion: true } });
  const token = await encode({ token: { uid: staff.id, role: staff.role, sv: sessionVersion }, secret: env.NEXTAUTH_SECRET });
  return `next-auth.session-token=${token}`;
}

const fromCookie = (req: Request) => tokens.staffFromCookie(req.headers.get('cookie'));

async function request(who: Caller, extra: Record<string, string> = {}): Promise<Request> {
  const cookie = await cookieOf(who);
  return new Request('http://app.test/api/x', { headers: { host: 'app.test', ...(cookie ? { cookie } : {}), ...extra } });
}

/** What a route answered: the status and the error code (null on success), and whether the handler ran. */
async function callRoute<C extends import('./staff-route').ChatRule | undefined>(
  opts: { roles: readonly import('./staff-roles').StaffRole[]; chat?: C },
  who: Caller,
  id = chatId,
) {
  let ran = false;
  const r = route.staffRoute({ ...opts, resolve: fromCookie }, async (_req, ctx) => {
    ran = true;
    return Response.json({ ...ctx, user: ctx.user.id });
  });
  const res = await r(await request(who), { params: Promise.resolve({ id }) });
  const body = (await res.json()) as { error?: { code: string; message: string }; access?: string; interactionId?: string };
  return { status: res.status, code: body.error?.code ?? null, ran, body };
}

/** What the same rule answers on the action lane: the error code (null on success). */
async function callAction(kind: 'supervisor' | 'admin' | 'agent' | 'read' | 'act' | 'own', who: Caller, id: unknown = chatId) {
  const cookie = await cookieOf(who);
  const clients = actions.staffActionClients(() => tokens.staffFromCookie(cookie));
  const base =
    kind === 'supervisor' ? clients.supervisorAction : kind === 'admin' ? clients.adminAction : kind === 'agent' ? clients.agentAction : clients.chatAction(kind);
  let ran = false;
  const action = base
    .metadata({ name: 'accessTest' })
    .inputSchema(z.object({ interactionId: z.unknown() }))
    .action(async ({ ctx }) => {
      ran = true;
      return { user: ctx.user.id, access: (ctx as { access?: string }).access ?? null };
    });
  const out = await action({ interactionId: id });
  return { code: out.serverError?.code ?? null, data: out.data, ran };
}

const STATUS: Record<string, number> = { unauthorized: 401, forbidden: 403, notFound: 404 };

describe('the route wrapper and the action clients refuse the wrong role alike', () => {
  const cases: { roles: 'SUPERVISORS' | 'ADMINS' | 'CHAT_STAFF'; action: 'supervisor' | 'admin' | 'agent'; want: Record<Caller, string | null> }[] = [
    { roles: 'SUPERVISORS', action: 'supervisor', want: { nobody: 'unauthorized', owner: 'forbidden', otherAgent: 'forbidden', supervisor: null, admin: 'forbidden' } },
    { roles: 'ADMINS', action: 'admin', want: { nobody: 'unauthorized', owner: 'forbidden', otherAgent: 'forbidden', supervisor: 'forbidden', admin: null } },
    { roles: 'CHAT_STAFF', action: 'agent', want: { nobody: 'unauthorized', owner: null, otherAgent: null, supervisor: null, admin: 'forbidden' } },
  ];
  for (const c of cases) {
    it(`${c.roles} on a route, ${c.action}Action on an action`, async () => {
      for (const who of CALLERS) {
        const r = await callRoute({ roles: roles[c.roles] }, who);
        const a = await callAction(c.action, who);
        const want = c.want[who];
        expect({ who, route: r.code, action: a.code }).toEqual({ who, route: want, action: want });
        expect(r.status).toBe(want ? STATUS[want] : 200);
        // A refusal never reaches the handler; a pass hands it the caller.
        expect({ who, route: r.ran, action: a.ran }).toEqual({ who, route: want === null, action: want === null });
        if (want === null) expect(r.body).toMatchObject({ user: idOf(who) });
      }
    });
  }

  it('another site’s Origin is refused (403) before the session is read', async () => {
    const res = await route.staffRoute({ roles: roles.ANY_STAFF, resolve: fromCookie }, async () => Response.json({ ok: true }))(
      await request('supervisor', { origin: 'https://evil.example' }),
    );
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    const same = await route.staffRoute({ roles: roles.ANY_STAFF, resolve: fromCookie }, async () => Response.json({ ok: true }))(
      await request('supervisor', { origin: 'http://app.test' }),
    );
    expect(same.status).toBe(200);
  });
});

describe('the route wrapper and chatAction refuse the wrong chat alike', () => {
  // The chat is agent1's (owner). agent2 has no part in it; the supervisor may read it; an admin is
  // refused by role before any chat rule.
  const want: Record<'read' | 'act' | 'own', Record<Caller, string | null>> = {
    read: { nobody: 'unauthorized', owner: null, otherAgent: 'notFound', supervisor: null, admin: 'forbidden' },
    act: { nobody: 'unauthorized', owner: null, otherAgent: 'notFound', supervisor: 'forbidden', admin: 'forbidden' },
    own: { nobody: 'unauthorized', owner: null, otherAgent: 'notFound', supervisor: 'forbidden', admin: 'forbidden' },
  };
  for (const need of ['read', 'act', 'own'] as const) {
    it(`chat: '${need}' on a route, chatAction('${need}') on an action`, async () => {
      for (const who of CALLERS) {
        const r = await callRoute({ roles: roles.CHAT_STAFF, chat: need }, who);
        const a = await callAction(need, who);
        expect({ who, route: r.code, action: a.code }).toEqual({ who, route: want[need][who], action: want[need][who] });
        expect(r.status).toBe(want[need][who] ? STATUS[want[need][who]!] : 200);
        expect({ who, route: r.ran, action: a.ran }).toEqual({ who, route: want[need][who] === null, action: want[need][who] === null });
      }
      // The access found is handed on, the same on both lanes.
      const owner = await callRoute({ roles: roles.CHAT_STAFF, chat: need }, 'owner');
      expect(owner.body).toMatchObject({ interactionId: chatId, access: 'owner' });
      expect((await callAction(need, 'owner')).data).toMatchObject({ access: 'owner' });
      if (need === 'read') {
        expect((await callRoute({ roles: roles.CHAT_STAFF, chat: need }, 'supervisor')).body).toMatchObject({ access: 'supervisor' });
        expect((await callAction(need, 'supervisor')).data).toMatchObject({ access: 'supervisor' });
      }
    });
  }

  it('a chat that does not exist is notFound on both lanes; a malformed id is notFound on a route, invalidInput on an action (as before)', async () => {
    const missing = 'c' + 'x'.repeat(24);
    expect((await callRoute({ roles: roles.CHAT_STAFF, chat: 'read' }, 'supervisor', missing)).code).toBe('notFound');
    expect((await callAction('read', 'supervisor', missing)).code).toBe('notFound');
    const bad = await callRoute({ roles: roles.CHAT_STAFF, chat: 'id' }, 'owner', '../etc');
    expect({ status: bad.status, code: bad.code, ran: bad.ran }).toEqual({ status: 404, code: 'notFound', ran: false });
    expect((await callAction('read', 'owner', '../etc')).code).toBe('invalidInput');
  });

  it("chat: 'id' checks only the id: who may touch the chat is the domain function's (the real staff read route refuses agent2 with 404)", async () => {
    const idOnly = await callRoute({ roles: roles.CHAT_STAFF, chat: 'id' }, 'otherAgent');
    expect(idOnly).toMatchObject({ status: 200, ran: true, body: { interactionId: chatId } });
    const read = (who: Caller) => request(who).then((req) => hot.staffRead(req, chatId, fromCookie));
    expect((await read('otherAgent')).status).toBe(404);
    expect((await read('admin')).status).toBe(403);
    expect((await read('nobody')).status).toBe(401);
    const mine = await read('owner');
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as { id?: string }).id).toBe(chatId);
  });
});
