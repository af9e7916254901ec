/**
 * Widget identity verification (issue 18): the site's server sends
 * hash = hex(HMAC-SHA256(siteSecret, email)) with identify(); a valid hash marks the contact
 * match verified. The email is trimmed and lower-cased on both sides (docs/widget.md says so).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function identityHash(secret: string, email: string): string {
  return createHmac('sha256', secret).update(normalizeEmail(email)).digest('hex');
}

export function verifyIdentityHash(secret: string | null | undefined, email: string | null | undefined, hash: string | null | undefined): boolean {
  if (!secret || !email || !hash || !/^[0-9a-f]{64}$/i.test(hash)) return false;
  const expected = Buffer.from(identityHash(secret, email), 'hex');
  return timingSafeEqual(expected, Buffer.from(hash.toLowerCase(), 'hex'));
}

/** A new per-site secret, shown once to the admin. */
export function newSiteSecret(): string {
  return randomBytes(32).toString('base64url');
}
