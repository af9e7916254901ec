import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentUser } from '@/lib/auth/session';
import { attachmentPolicy } from '@/lib/attachments/settings';
import { StaffFilesProvider } from '@/components/chat/staff-attach';
import { LocaleSwitch } from '@/components/ui/locale-switch';
import { SignOutButton } from '@/components/ui/sign-out-button';
import { Toaster } from '@/components/ui/toaster';

// The signed-in shell: every page below requires a session; each page checks its own role.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect('/login');
  const t = await getTranslations('common');
  const tr = await getTranslations('reports');
  const to = await getTranslations('offline');
  const links = [
    { href: '/agent', label: t('nav.agent'), roles: ['AGENT', 'SUPERVISOR'] },
    { href: '/offline-messages', label: to('inbox.nav'), roles: ['AGENT', 'SUPERVISOR'] },
    { href: '/supervisor', label: t('nav.supervisor'), roles: ['SUPERVISOR'] },
    { href: '/supervisor/reports', label: tr('nav'), roles: ['SUPERVISOR'] },
    { href: '/admin', label: t('nav.admin'), roles: ['ADMIN'] },
  ].filter((l) => l.roles.includes(user.role));
  return (
    <div className="flex h-screen flex-col">
      <header className="flex items-center gap-4 border-b border-slate-200 bg-white px-4 py-2">
        <span className="font-semibold">{t('productName')}</span>
        <nav className="flex gap-3 text-sm">
          {links.map((l) => (
            <a key={l.href} href={l.href} className="text-blue-800 hover:underline">
              {l.label}
            </a>
          ))}
        </nav>
        <span className="ml-auto text-sm text-slate-600">{user.name}</span>
        <LocaleSwitch />
        <SignOutButton label={t('signOut')} />
      </header>
      <div className="min-h-0 flex-1">
        <StaffFilesProvider maxFileSizeMb={(await attachmentPolicy()).maxFileSizeMb}>{children}</StaffFilesProvider>
      </div>
      <Toaster />
    </div>
  );
}
