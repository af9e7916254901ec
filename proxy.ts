import { NextResponse, type NextRequest } from 'next/server';
import { realtimeConfig } from '@/lib/realtime/public-config';
import { contentSecurityPolicy, realtimeOrigins } from '@/lib/security/csp';
import { isDevelopment } from '@/lib/env';

// Pages get a fresh nonce per request; Next.js reads it from the request's CSP header and puts it on
// its own scripts. Pages are rendered per request anyway (they depend on the session).
export function proxy(request: NextRequest) {
  // A path that is not valid UTF-8 once decoded would make the router throw (a 500): refuse it here.
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return NextResponse.json({ error: { code: 'invalidInput', message: 'malformed path' } }, { status: 400 });
  }
  if (request.nextUrl.pathname.startsWith('/api/')) return NextResponse.next();
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy({
    nonce,
    dev: isDevelopment,
    realtimeOrigins: realtimeOrigins(realtimeConfig()),
  });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  matcher: [
    {
      // Uploads skip the proxy: it would copy (and past 10 MB cut) their bodies (attachments stream).
      source: '/((?!_next/static|_next/image|icon.svg|favicon.ico|api/v1/chats/[^/]+/files$|api/interactions/[^/]+/files$).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
