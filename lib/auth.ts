import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { checkCredentials } from '@/lib/auth/password';
import { claimLoginAttempt } from '@/lib/auth/login-throttle';
import { LOGIN_THROTTLED } from '@/lib/auth/login-policy';
import { budgetKey } from '@/lib/http';
import { activeStaff } from '@/lib/auth/active-staff';
import type { Staff, StaffRole } from '@/lib/interactions/access';

/** next-auth hands authorize() the request headers as a plain object. */
function headersOf(raw: Record<string, unknown> | undefined): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(raw ?? {})) if (typeof v === 'string') h.set(k, v);
  return h;
}

const credentials = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });

export const authOptions: NextAuthOptions = {
  // A getter: read (and validated) per request, not when `next build` imports this module.
  get secret() {
    return env.NEXTAUTH_SECRET;
  },
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/login' },
  providers: [
    CredentialsProvider({
      name: 'credentials',
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(raw, req) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        const email = parsed.data.email.toLowerCase();
        // Throttled per (email, address) and per address, never per email alone (see login-policy.ts).
        const claim = await claimLoginAttempt(email, budgetKey(headersOf(req?.headers), env.TRUST_PROXY));
        if (!claim.ok) throw new Error(LOGIN_THROTTLED);
        const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, role: true, active: true, passwordHash: true, sessionVersion: true } });
        // One scrypt whatever the account (unknown, inactive, wrong password): the timing tells nothing.
        if (!user || !(await checkCredentials(user, parsed.data.password))) return null;
        await claim.release();
        return { id: user.id, name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = (user as { role?: StaffRole }).role;
        // The session version at sign-in: a later sign-out, reset, role change or deactivation ends this token.
        token.sv = (user as { sessionVersion?: number }).sessionVersion;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user) {
        (session.user as SessionUser).id = token.uid as string;
        (session.user as SessionUser).role = token.role as StaffRole;
        (session.user as { sv?: unknown }).sv = token.sv;
      }
      return session;
    },
  },
};

export interface SessionUser extends Staff {
  name: string;
  email: string;
}

/** The signed-in, still-active staff member, or null (read once per page render: the layout and page share it). */
export const currentUser = cache(async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const u = session?.user as (Partial<SessionUser> & { sv?: unknown }) | undefined;
  if (!u?.id) return null;
  return activeStaff(u.id, u.sv);
});

export async function requireUser(): Promise<SessionUser> {
  const u = await currentUser();
  if (!u) throw new AppError('unauthorized');
  return u;
}

export async function requireRole(...roles: StaffRole[]): Promise<SessionUser> {
  const u = await requireUser();
  if (!roles.includes(u.role)) throw new AppError('forbidden');
  return u;
}

export function homeFor(role: StaffRole): string {
  return role === 'ADMIN' ? '/admin' : role === 'SUPERVISOR' ? '/supervisor' : '/agent';
}

/** For pages: the signed-in user with one of these roles; others go to sign-in or their own home. */
export async function requirePageRole(...roles: StaffRole[]): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect('/login');
  if (!roles.includes(user.role)) redirect(homeFor(user.role));
  return user;
}
