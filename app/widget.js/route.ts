// GET /widget.js: the embeddable loader (issue 18). Labels come from the widget catalogue; the
// iframe origin is this console's own origin. Public and cacheable for a short while.
import en from '@/messages/en/widget.json';
import frCA from '@/messages/fr-CA/widget.json';
import { defaultLocale } from '@/i18n/config';
import { loaderScript } from '@/lib/widget/loader-script';

export function GET(request: Request): Response {
  const body = loaderScript({
    origin: new URL(request.url).origin,
    labels: {
      en: { launcher: en.widget.launcher, frameTitle: en.widget.frameTitle },
      'fr-CA': { launcher: frCA.widget.launcher, frameTitle: frCA.widget.frameTitle },
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
