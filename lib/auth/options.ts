import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { checkCredentials } from '@/lib/auth/password';
import { claimLoginAttempt } from '@/lib/auth/login-throttle';
import { LOGIN_THROTTLED } from '@/lib/auth/login-policy';
import { budgetKey } from '@/lib/http';
import type { StaffRole } from '@/lib/access/staff-roles';

// next-auth's configuration: credentials sign-in (throttled, constant work) and the JWT session,
// which carries the user id, role and session version (lib/auth/session-version.ts).

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
        (session.user as { id?: string }).id = token.uid as string;
        (session.user as { role?: StaffRole }).role = token.role as StaffRole;
        (session.user as { sv?: unknown }).sv = token.sv;
      }
      return session;
    },
  },
};
