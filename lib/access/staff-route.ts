import 'server-only';
import type { ActiveStaff } from '@/lib/auth/active-staff';
import { AppError } from '@/lib/errors';
import { assertSameOrigin, errorResponse } from '@/lib/http';
import { requireStaffAccess } from '@/lib/interactions/core/access';
import { idSchema } from '@/lib/interactions/core/schemas';
import type { Access, ChatNeed } from './chat-access';
import { hasRole, type StaffRole } from './staff-roles';

// The declarative gate of every staff route handler, the route-side twin of the action clients
// (lib/safe-action.ts: agentAction, supervisorAction, adminAction, chatAction(need)):
//
//   export const GET = withStaff({ roles: SUPERVISORS }, async (req, { user }) => …);
//   export const POST = withStaff({ roles: CHAT_STAFF, chat: 'act' }, async (req, { user, interactionId, access }) => …);
//
// In order, with the answers the security suite pins: another site's Origin → 403 forbidden;
// no live session → 401 unauthorized; a role not in `roles` → 403 forbidden; with `chat`, a
// malformed chat id (the route's `id` segment) → 404 notFound; with `chat: need`, the same rule
// as chatAction(need) (lib/access/chat-access.ts): no access → 404, too little → 403.
// Errors become `{ error: { code, message } }` with the code's status (lib/http.ts errorResponse).
//
// This file names no session source: Next.js routes use withStaff (with-staff.ts, next-auth's
// session); the fast lane passes its own cookie decoder (lib/fast-lane/) to the shared handlers.

/** Who is calling, from the request (null: nobody signed in, or no longer active). */
export type StaffResolver = (req: Request) => Promise<ActiveStaff | null>;

/**
 * What the route needs of the chat named by its `id` segment: `'id'` only a well-formed id (the
 * domain function decides who may touch it: a consulted agent, a coach, a barging supervisor);
 * `'read' | 'act' | 'own'` also the caller's access, as chatAction(need).
 */
export type ChatRule = ChatNeed | 'id';

export interface StaffRouteOptions<C extends ChatRule | undefined> {
  /** The staff roles allowed (lib/access/staff-roles.ts: CHAT_STAFF, SUPERVISORS, ADMINS). */
  roles: readonly StaffRole[];
  chat?: C;
  /** How a refusal or failure becomes a response (default: lib/http.ts errorResponse). */
  onError?: (e: unknown) => Response;
}

export type RouteParams = Record<string, string>;

export type StaffRouteContext<C extends ChatRule | undefined> = { user: ActiveStaff; params: RouteParams } & (C extends ChatNeed
  ? { interactionId: string; access: Access }
  : C extends 'id'
    ? { interactionId: string }
    : unknown);

type LooseContext = { user: ActiveStaff; params: RouteParams; interactionId?: string; access?: Access };

/** A route handler as Next.js calls it (params a promise) or the fast lane does (params as they are). */
export type StaffRoute = (req: Request, route?: { params: Promise<RouteParams> | RouteParams }) => Promise<Response>;

/** The gate alone: the typed context of a request that passes, or the refusal thrown as an AppError. */
export async function staffContext<C extends ChatRule | undefined>(
  req: Request,
  opts: StaffRouteOptions<C> & { resolve: StaffResolver },
  params: RouteParams,
): Promise<StaffRouteContext<C>> {
  assertSameOrigin(req);
  const user = await opts.resolve(req);
  if (!user) throw new AppError('unauthorized');
  if (!hasRole(user, opts.roles)) throw new AppError('forbidden');
  const ctx: LooseContext = { user, params };
  if (opts.chat !== undefined) {
    const id = idSchema.safeParse(params.id);
    if (!id.success) throw new AppError('notFound');
    ctx.interactionId = id.data;
    if (opts.chat !== 'id') ctx.access = await requireStaffAccess(user, id.data, opts.chat);
  }
  // What `chat` asked for is filled in above: the conditional type says so to the handler.
  return ctx as StaffRouteContext<C>;
}

/** A staff route handler with its session source given (the fast lane's; Next.js routes use withStaff). */
export function staffRoute<C extends ChatRule | undefined = undefined>(
  opts: StaffRouteOptions<C> & { resolve: StaffResolver },
  handler: (req: Request, ctx: StaffRouteContext<C>) => Promise<Response>,
): StaffRoute {
  const fail = opts.onError ?? errorResponse;
  return async (req, route) => {
    try {
      const params = (await route?.params) ?? {};
      return await handler(req, await staffContext(req, opts, params));
    } catch (e) {
      return fail(e);
    }
  };
}
