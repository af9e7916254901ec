import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentUser, homeFor } from '@/lib/auth/session';
import { LocaleSwitch } from '@/components/ui/locale-switch';
import { LoginForm } from './login-form';

export default async function LoginPage() {
  const user = await currentUser();
  if (user) redirect(homeFor(user.role));
  const t = await getTranslations('auth');
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <LocaleSwitch />
      </div>
      <LoginForm />
      <p className="mt-4 text-sm">
        <a className="text-blue-800 underline" href="/chat">
          {t('contactHint')}
        </a>
      </p>
    </main>
  );
}
