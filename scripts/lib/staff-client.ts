import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './procs';

/**
 * A staff member's HTTP client from Node, authenticated exactly as the browser is: next-auth's
 * credentials sign-in (CSRF token + callback) and its session cookie on every later request.
 * Used by the bench and by the API-level security tests; it takes no shortcut into the app.
 */
export class StaffClient {
  private cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
  }

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader);
    const res = await fetch(new URL(pathname, this.baseUrl), { ...init, headers, redirect: 'manual' });
    this.keep(res);
    return res;
  }

  async signIn(email: string, password: string): Promise<void> {
    const csrf = (await (await this.fetch('/api/auth/csrf')).json()) as { csrfToken: string };
    const res = await this.fetch('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password, csrfToken: csrf.csrfToken, json: 'true' }),
    });
    if (![...this.cookies.keys()].some((k) => k.includes('session-token'))) {
      throw new Error(`sign-in failed for ${email} (HTTP ${res.status})`);
    }
  }

  async json<T>(pathname: string, init: RequestInit & { body?: string } = {}): Promise<{ status: number; body: T }> {
    const res = await this.fetch(pathname, { ...init, headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as T };
  }

  /**
   * Calls a server action the way the browser does: POST with its `Next-Action` id; the answer is
   * an RSC stream whose row 1 holds the action's result ({ data } / { serverError } / …).
   */
  async action<T = unknown>(pagePath: string, actionId: string, input: unknown): Promise<{ status: number; result: T | undefined }> {
    const res = await this.fetch(pagePath, {
      method: 'POST',
      headers: { 'next-action': actionId, accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify([input]),
    });
    const text = await res.text();
    const row = text.split('\n').find((l) => l.startsWith('1:'));
    return { status: res.status, result: row ? (JSON.parse(row.slice(2)) as T) : undefined };
  }
}

/** Server action ids by "<file>#<export>", read from the production build's manifest. */
export function serverActionIds(root = ROOT): Record<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename && entry.exportedName) ids[`${entry.filename}#${entry.exportedName}`] = id;
  }
  return ids;
}
