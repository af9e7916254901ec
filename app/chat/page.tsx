import { getLocale, getTranslations } from 'next-intl/server';
import { realtimeConfig } from '@/lib/realtime/public-config';
import { LocaleSwitch } from '@/components/ui/locale-switch';
import { attachmentPolicy } from '@/lib/attachments/settings';
import { contactOfflineState } from '@/lib/widget/offline-state';
import { contactPrechat } from '@/lib/widget/prechat-store';
import { ContactChat } from './contact-chat';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const t = await getTranslations('contact');
  return { title: t('pageTitle') };
}

// The contact's public page; everything it does goes through the documented /api/v1/chats API.
export default async function ChatPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations('contact');
  const offline = await contactOfflineState((await searchParams).queue);
  const prechat = await contactPrechat(offline.queueId, await getLocale());
  return (
    <div className="mx-auto flex h-screen max-w-2xl flex-col p-2 sm:p-4">
      <header className="mb-2 flex items-center justify-between">
        <h1 className="text-lg font-semibold">{t('pageTitle')}</h1>
        <LocaleSwitch />
      </header>
      <ContactChat realtime={realtimeConfig()} files={await filesFor()} offline={offline.reason} queue={offline.queue} prechat={prechat} />
    </div>
  );
}

/** What the browser needs to refuse a file before uploading it (the server checks again, always). */
async function filesFor() {
  const p = await attachmentPolicy();
  return { maxFileSizeMb: p.maxFileSizeMb, contactsEnabled: p.contactsEnabled };
}
