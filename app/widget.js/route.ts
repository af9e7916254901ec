// GET /widget.js: the embeddable loader (issue 18). Labels come from the widget catalogue; the
// iframe origin is this console's own origin. Public and cacheable for a short while.
import en from '@/messages/en/widget.json';
import frCA from '@/messages/fr-CA/widget.json';
import { defaultLocale } from '@/i18n/config';
import { loaderScript } from '@/lib/widget/loader-script';

export function GET(request: Request): Response {
  const body = loaderScript({
    origin: publicOrigin(request),
    labels: {
      en: { launcher: en.launcher, frameTitle: en.frameTitle },
      'fr-CA': { launcher: frCA.launcher, frameTitle: frCA.frameTitle },
    },
    defaultLocale,
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    },
  });
}

/**
 * The origin the browser reached us at (the iframe must load from it): the Host header, which the
 * server's own bind address (0.0.0.0) is not. Anything that is not a plain host[:port] falls back.
 */
function publicOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get('host');
  if (host && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) url.host = host;
  return url.origin;
}
