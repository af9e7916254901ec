/**
 * The widget's per-site identity secret at rest (issue 18). The HMAC check needs the secret
 * itself, so it cannot be stored as a one-way hash: it is sealed with AES-256-GCM under a key
 * derived (HKDF-SHA256) from the server's NEXTAUTH_SECRET, which never sits in the database. A
 * database dump alone therefore does not reveal it; changing NEXTAUTH_SECRET makes the stored
 * secret unreadable (identify() then stays unverified until an admin rotates it).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export type SealedSecret = {
  v: 1;
  iv: string;
  tag: string;
  ct: string;
};

export function sealingKey(serverSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, 'chat-console', 'widget-identity-secret v1', 32));
}

export function sealSecret(key: Buffer, plain: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return { v: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') };
}

/** The secret, or null when it was sealed under another key or tampered with. */
export function openSecret(key: Buffer, sealed: SealedSecret | null | undefined): string | null {
  if (!sealed || sealed.v !== 1) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
