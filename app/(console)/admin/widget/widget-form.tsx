'use client';

import { KeyRound, Save } from 'lucide-react';
import { AlertDialog as A } from 'radix-ui';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { parseAllowedOrigins } from '@/lib/widget/origins';
import type { WidgetAdminView } from '@/lib/widget/settings';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/field';
import { FormStatus, Section, type ActionResult } from '../form-kit';
import { rotateWidgetSecretAction, saveWidgetOriginsAction } from './actions';

/** The admin section "Website widget": Allowed origins, and the identity secret (shown once). */
export function WidgetForm({ initial }: { initial: WidgetAdminView }) {
  const t = useTranslations('widget.admin');
  const te = useTranslations('errors');
  const router = useRouter();
  const [text, setText] = useState(initial.allowedOrigins.join('\n'));
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [secret, setSecret] = useState<string | null>(null);
  const [rotating, setRotating] = useState(false);
  const [secretError, setSecretError] = useState<string | undefined>();
  const secretId = useId();

  const failure = (r: ActionResult) => te(r?.validationErrors ? 'invalidInput' : ((r?.serverError?.code as 'invalidInput') ?? 'internal'));

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError(undefined);
    const parsed = parseAllowedOrigins(text);
    if (!parsed.ok) {
      setFieldError(t('invalidOrigins', { lines: parsed.invalid.join(', ') }));
      return;
    }
    setFieldError(undefined);
    setPending(true);
    const r = await saveWidgetOriginsAction({ allowedOrigins: parsed.origins });
    setPending(false);
    if (r?.data) {
      setText(r.data.allowedOrigins.join('\n'));
      setSaved(true);
      router.refresh();
    } else setError(failure(r as ActionResult));
  };

  const rotate = async () => {
    setRotating(true);
    setSecretError(undefined);
    const r = await rotateWidgetSecretAction({});
    setRotating(false);
    if (r?.data) {
      setSecret(r.data.secret);
      router.refresh();
    } else setSecretError(failure(r as ActionResult));
  };

  return (
    <Section id="widget" title={t('title')}>
      <p className="mb-3 text-sm text-slate-700">{t('intro')}</p>
      <form noValidate onSubmit={save} className="flex max-w-xl flex-col gap-4">
        <TextAreaField
          label={t('allowedOrigins')}
          hint={t('allowedOriginsHint')}
          rows={5}
          spellCheck={false}
          value={text}
          error={fieldError}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={pending} className="inline-flex items-center gap-1">
            <Save aria-hidden className="size-4" />
            {t('save')}
          </Button>
          <FormStatus pending={pending} saved={saved} error={error} />
        </div>
      </form>

      <h3 className="mt-6 mb-2 font-semibold">{t('secretTitle')}</h3>
      <p className="mb-2 max-w-xl text-sm text-slate-700">{t('secretIntro')}</p>
      <p className="mb-2 text-sm">{initial.secretCreatedAt ? t('secretSince', { date: new Date(initial.secretCreatedAt) }) : t('secretNone')}</p>
      {secret && (
        <div className="mb-2 max-w-xl rounded border border-amber-300 bg-amber-50 p-2">
          <label htmlFor={secretId} className="text-sm font-medium">
            {t('secretLabel')}
          </label>
          <input id={secretId} readOnly value={secret} onFocus={(e) => e.currentTarget.select()} className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm" />
          <p className="mt-1 text-sm text-amber-900">{t('secretOnce')}</p>
        </div>
      )}
      <div className="flex items-center gap-3">
        {initial.secretCreatedAt || secret ? (
          // Rotating stops the current secret at once (every signed identity turns unverified until
          // the site uses the new one): the admin confirms first, in an alertdialog, Cancel focused.
          <A.Root>
            <A.Trigger asChild>
              <Button type="button" disabled={rotating} className="inline-flex items-center gap-1">
                <KeyRound aria-hidden className="size-4" />
                {t('rotate')}
              </Button>
            </A.Trigger>
            <A.Portal>
              <A.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
              <A.Content className="fixed left-1/2 top-1/2 z-50 w-[min(30rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-4 shadow-xl focus:outline-none">
                <A.Title className="mb-2 text-base font-semibold">{t('rotateTitle')}</A.Title>
                <A.Description className="mb-4 text-sm text-slate-700">{t('rotateWarning')}</A.Description>
                <div className="flex justify-end gap-2">
                  <A.Cancel asChild>
                    <Button type="button">{t('cancel')}</Button>
                  </A.Cancel>
                  <A.Action asChild>
                    <Button type="button" variant="primary" onClick={rotate}>
                      {t('rotateConfirm')}
                    </Button>
                  </A.Action>
                </div>
              </A.Content>
            </A.Portal>
          </A.Root>
        ) : (
          <Button type="button" onClick={rotate} disabled={rotating} className="inline-flex items-center gap-1">
            <KeyRound aria-hidden className="size-4" />
            {t('generate')}
          </Button>
        )}
        <FormStatus pending={rotating} saved={false} error={secretError} />
      </div>
    </Section>
  );
}
