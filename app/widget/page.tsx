import type { AbstractIntlMessages } from 'next-intl';
import { namespaces, isLocale, type Locale } from '@/i18n/config';
import { resolveLocale } from '@/i18n/request';
import { IntlProvider } from '@/components/ui/intl-provider';
import { realtimeConfig } from '@/lib/realtime/public-config';
import { attachmentPolicy } from '@/lib/attachments/settings';
import { widgetAllowedOrigins } from '@/lib/widget/settings';
import { contactOfflineState } from '@/lib/widget/offline-state';
import { contactPrechat } from '@/lib/widget/prechat-store';
import { ContactChat } from '../chat/contact-chat';

export const dynamic = 'force-dynamic';

async function messagesFor(locale: Locale): Promise<AbstractIntlMessages> {
  const parts = await Promise.all(namespaces.map(async (ns) => [ns, (await import(`../../messages/${locale}/${ns}.json`)).default] as const));
  return Object.fromEntries(parts);
}

export async function generateMetadata({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const locale = await localeOf(searchParams);
  const m = (await import(`../../messages/${locale}/widget.json`)).default as { frameTitle: string };
  return { title: m.frameTitle };
}

async function localeOf(searchParams: Promise<Record<string, string | string[] | undefined>>): Promise<Locale> {
  const asked = (await searchParams).locale;
  return isLocale(asked) ? asked : resolveLocale();
}

/**
 * The website widget's iframe (issue 18): the same chat as /chat, in the language the host page
 * asked for (?locale=, since the console's own locale cookie is third-party here). Only the
 * admin's Allowed origins may frame it (the proxy's frame-ancestors) and only their messages are
 * heard (embed-bridge.ts).
 */
export default async function WidgetPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const locale = await localeOf(searchParams);
  const [messages, allowedOrigins, files, offline] = await Promise.all([messagesFor(locale), widgetAllowedOrigins(), attachmentPolicy(), contactOfflineState((await searchParams).queue)]);
  const prechat = await contactPrechat(offline.queueId, locale);
  const title = (messages.widget as { frameTitle: string }).frameTitle;
  return (
    <IntlProvider locale={locale} messages={messages}>
      <div lang={locale} className="flex h-screen flex-col p-2">
        <h1 className="sr-only">{title}</h1>
        <ContactChat realtime={realtimeConfig()} files={{ maxFileSizeMb: files.maxFileSizeMb, contactsEnabled: files.contactsEnabled }} embed={{ allowedOrigins }}
          offline={offline.reason}
          queue={offline.queue}
          prechat={prechat}
        />
      </div>
    </IntlProvider>
  );
}
