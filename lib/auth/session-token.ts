import 'server-only';
import { decode } from 'next-auth/jwt';
import { env } from '@/lib/env';
import { sessionStaff, staffAccount, type ActiveStaff, type StaffAccount } from './active-staff';

// next-auth (v4, JWT strategy) keeps the session in this cookie; `__Secure-` when served over
// HTTPS. A large token is split into `.0`, `.1` … chunks.
const SECURE_NAME = '__Secure-next-auth.session-token';
const PLAIN_NAME = 'next-auth.session-token';

/**
 * Served over HTTPS (NEXTAUTH_URL https://…), next-auth sets only the `__Secure-` cookie, which a
 * browser accepts only from a secure origin; the plain name could then come from a plain-HTTP
 * page or a sibling subdomain, so it is refused there (security round 2, defect 9).
 */
export function httpsDeployment(nextAuthUrl: string | undefined): boolean {
  return (nextAuthUrl ?? '').toLowerCase().startsWith('https://');
}

export function sessionCookie(cookieHeader: string | null, https: boolean): string | null {
  if (!cookieHeader) return null;
  const COOKIE_NAMES = https ? [SECURE_NAME] : [SECURE_NAME, PLAIN_NAME];
  const jar = new Map<string, string>();
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) jar.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  for (const name of COOKIE_NAMES) {
    const whole = jar.get(name);
    if (whole) return whole;
    let chunks = '';
    for (let i = 0; jar.has(`${name}.${i}`); i++) chunks += jar.get(`${name}.${i}`);
    if (chunks) return chunks;
  }
  return null;
}

interface Decoded {
  uid: string;
  /** The account's session version at sign-in (absent in tokens from before versions). */
  sv: unknown;
  /** ms since epoch */
  expiresAt: number;
}

// Decrypting the session JWT (JWE, A256GCM after HKDF) on every send costs more than the send's
// SQL; a token is immutable, so its decoded claims are kept until it expires. Bounded: the
// oldest entries go first.
const TOKENS_MAX = 10_000;
const tokens = new Map<string, Decoded>();

// The account's active flag, role and session version are re-read at most every ACTIVE_TTL_MS per user, so a
// deactivation, role change or sign-out reaches the fast lane within that time.
const ACTIVE_TTL_MS = 2000;
const users = new Map<string, { at: number; value: Promise<StaffAccount | null> }>();

async function decodeOnce(token: string): Promise<Decoded | null> {
  const cached = tokens.get(token);
  if (cached) return cached;
  let claims: Awaited<ReturnType<typeof decode>>;
  try {
    claims = await decode({ token, secret: env.NEXTAUTH_SECRET });
  } catch {
    return null;
  }
  const uid = typeof claims?.uid === 'string' ? claims.uid : null;
  const exp = typeof claims?.exp === 'number' ? claims.exp * 1000 : 0;
  if (!uid || !exp) return null;
  const decoded = { uid, sv: claims?.sv, expiresAt: exp };
  if (tokens.size >= TOKENS_MAX) tokens.delete(tokens.keys().next().value!);
  tokens.set(token, decoded);
  return decoded;
}

/**
 * The signed-in, still-active staff member of a request, from the same next-auth session cookie
 * and secret that `getServerSession` reads — for the fast lane, which runs outside Next.js.
 */
export async function staffFromCookie(cookieHeader: string | null): Promise<ActiveStaff | null> {
  const token = sessionCookie(cookieHeader, httpsDeployment(env.NEXTAUTH_URL));
  if (!token || token.length > 16_384) return null;
  const decoded = await decodeOnce(token);
  if (!decoded || decoded.expiresAt <= Date.now()) return null;
  const now = Date.now();
  let entry = users.get(decoded.uid);
  if (!entry || now - entry.at > ACTIVE_TTL_MS) {
    const value = staffAccount(decoded.uid);
    entry = { at: now, value };
    users.set(decoded.uid, entry);
    value.catch(() => users.delete(decoded.uid));
  }
  return sessionStaff(await entry.value, decoded.sv);
}
