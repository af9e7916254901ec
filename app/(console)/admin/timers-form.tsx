'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { timersSchema, type TimersInput } from '@/lib/admin/schemas';
import { TextField } from '@/components/ui/field';
import { Switch } from '@/components/ui/switch';
import { saveTimersAction } from './actions';
import { SaveBar, Section, useApplyResult, useValidationMessage } from './form-kit';

type NumberKey = Exclude<keyof TimersInput, 'monitoringVisible'>;
const GROUPS: { legend: 'pending' | 'invitations' | 'other'; keys: NumberKey[] }[] = [
  { legend: 'pending', keys: ['pendingYellowSec', 'pendingRedSec'] },
  { legend: 'invitations', keys: ['invitationTimeoutSec', 'transferTimeoutSec', 'conferenceTimeoutSec', 'consultTimeoutSec'] },
  { legend: 'other', keys: ['typingTimeoutSec', 'serviceLevelSec'] },
];
const HINTS: Partial<Record<NumberKey, 'invitationTimeoutHint' | 'serviceLevelHint'>> = { invitationTimeoutSec: 'invitationTimeoutHint', serviceLevelSec: 'serviceLevelHint' };

/** M1: the timers (and the S4 "being monitored" sign). */
export function TimersForm({ initial }: { initial: TimersInput }) {
  const t = useTranslations('admin');
  const router = useRouter();
  const msg = useValidationMessage();
  const apply = useApplyResult();
  const [saved, setSaved] = useState(false);
  const form = useForm<TimersInput>({ resolver: zodResolver(timersSchema), defaultValues: initial });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    if (apply(await saveTimersAction(values), form.setError)) {
      form.reset(values);
      setSaved(true);
      router.refresh();
    }
  });

  return (
    <Section id="timers" title={t('timers.title')}>
      <p className="mb-3 text-sm text-slate-700">{t('timers.intro')}</p>
      <form noValidate onSubmit={onSubmit} onChange={() => setSaved(false)} className="flex flex-col gap-4">
        {GROUPS.map((g) => (
          <fieldset key={g.legend} className="rounded border border-slate-200 bg-white p-3">
            <legend className="px-1 text-sm font-semibold">{t(`timers.${g.legend}`)}</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              {g.keys.map((k) => (
                <TextField
                  key={k}
                  type="number"
                  inputMode="numeric"
                  label={t(`timers.${k}`)}
                  hint={HINTS[k] ? t(`timers.${HINTS[k]}`) : undefined}
                  error={msg(errors[k]?.message)}
                  {...form.register(k, { valueAsNumber: true })}
                />
              ))}
            </div>
          </fieldset>
        ))}
        <Controller
          control={form.control}
          name="monitoringVisible"
          render={({ field }) => <Switch label={t('timers.monitoringVisible')} checked={field.value} onCheckedChange={(v) => (field.onChange(v), setSaved(false))} onBlur={field.onBlur} />}
        />
        <SaveBar label={t('form.save')} pending={isSubmitting} saved={saved} error={errors.root?.server?.message} />
      </form>
    </Section>
  );
}
