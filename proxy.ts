import { NextResponse, type NextRequest } from 'next/server';
import { realtimeConfig } from '@/lib/realtime/public-config';
import { contentSecurityPolicy, realtimeOrigins } from '@/lib/security/csp';
import { isDevelopment } from '@/lib/env';
import { WIDGET_PAGE, frameAncestors } from '@/lib/widget/origins';
import { widgetAllowedOrigins } from '@/lib/widget/settings';

// Pages get a fresh nonce per request; Next.js reads it from the request's CSP header and puts it on
// its own scripts. Pages are rendered per request anyway (they depend on the session).
export async function proxy(request: NextRequest) {
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
    // The website widget's page may be framed by the admin's Allowed origins only (issue 18).
    frameAncestors: request.nextUrl.pathname === WIDGET_PAGE ? frameAncestors(await widgetAllowedOrigins()) : undefined,
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
