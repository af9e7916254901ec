'use client';

import { Plus, Save, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { scheduleProblems } from '@/lib/widget/availability';
import type { Weekday, WeeklyInterval } from '@/lib/widget/business-hours';
import { Button } from '@/components/ui/button';
import { TextAreaField, TextField } from '@/components/ui/field';
import { Switch } from '@/components/ui/switch';
import { FormStatus, Section } from '../form-kit';
import { saveBusinessHoursAction } from './actions';

export interface QueueHoursRow {
  queueId: string;
  name: string;
  alwaysOpen: boolean;
  timeZone: string;
  intervals: WeeklyInterval[];
  holidays: string[];
}

const DAYS = [1, 2, 3, 4, 5, 6, 0] as const;
const control = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-blue-600';

const holidaysOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * The admin section "Business hours": per queue, "Always open" (on by default) or weekly hours
 * (several a day, crossing midnight allowed), a time zone and holidays; plus the switch for the
 * offline form when no agent of the queue is logged in. Checked here with the same rule the
 * server applies again, so errors show on the queue they concern and nothing is saved.
 */
export function BusinessHoursForm({ offlineWhenNoAgent, queues }: { offlineWhenNoAgent: boolean; queues: QueueHoursRow[] }) {
  const t = useTranslations('offline.hours');
  const te = useTranslations('errors');
  const router = useRouter();
  const [noAgent, setNoAgent] = useState(offlineWhenNoAgent);
  const [rows, setRows] = useState(queues.map((q) => ({ ...q, holidaysText: q.holidays.join('\n') })));
  const [problems, setProblems] = useState<Record<number, string[]>>({});
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const update = (i: number, patch: Partial<(typeof rows)[number]>) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError(undefined);
    const queuesInput = rows.map((r) => ({ queueId: r.queueId, alwaysOpen: r.alwaysOpen, timeZone: r.timeZone.trim(), intervals: r.intervals, holidays: holidaysOf(r.holidaysText) }));
    const found = scheduleProblems(queuesInput.map(({ queueId: _, ...s }) => s));
    setProblems(Object.fromEntries(found.map((p) => [p.index, p.codes])));
    if (found.length) return setError(t('invalid'));
    setPending(true);
    const r = await saveBusinessHoursAction({ offlineWhenNoAgent: noAgent, queues: queuesInput });
    setPending(false);
    if (r?.data?.ok) {
      setSaved(true);
      router.refresh();
    } else {
      const code = (r?.serverError as { code?: string } | undefined)?.code;
      setError(code && te.has(code) ? te(code as 'internal') : te('invalidInput'));
    }
  };

  return (
    <Section id="business-hours" title={t('title')}>
      <p className="mb-3 max-w-3xl text-sm text-slate-700">{t('intro')}</p>
      <form noValidate onSubmit={submit} className="flex max-w-3xl flex-col gap-4">
        <div className="flex flex-col gap-1">
          <Switch label={t('offlineWhenNoAgent')} checked={noAgent} onCheckedChange={setNoAgent} />
          <p className="text-xs text-slate-600">{t('offlineWhenNoAgentHint')}</p>
        </div>
        {rows.map((r, i) => (
          <QueueHours key={r.queueId} row={r} problems={problems[i] ?? []} onChange={(patch) => update(i, patch)} />
        ))}
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={pending} className="inline-flex items-center gap-1">
            <Save aria-hidden className="size-4" />
            {t('save')}
          </Button>
          <FormStatus pending={pending} saved={saved} error={error} />
        </div>
      </form>
    </Section>
  );
}

function QueueHours({
  row,
  problems,
  onChange,
}: {
  row: QueueHoursRow & { holidaysText: string };
  problems: string[];
  onChange: (patch: Partial<QueueHoursRow & { holidaysText: string }>) => void;
}) {
  const t = useTranslations('offline.hours');
  const errorsId = useId();
  const setInterval = (k: number, patch: Partial<WeeklyInterval>) => onChange({ intervals: row.intervals.map((x, j) => (j === k ? { ...x, ...patch } : x)) });
  const intervalProblems = problems.filter((p) => p === 'day' || p === 'time' || p === 'emptyInterval' || p === 'overlap');
  const holidayProblems = problems.filter((p) => p === 'holiday' || p === 'duplicateHoliday');
  const say = (codes: string[]) => (codes.length ? codes.map((c) => t(`problems.${c}` as 'problems.time')).join(' ') : undefined);
  return (
    <fieldset className="rounded border border-slate-200 bg-white p-3" aria-describedby={problems.length ? errorsId : undefined}>
      <legend className="px-1 font-semibold">{t('queue', { name: row.name })}</legend>
      <Switch label={t('alwaysOpen')} checked={row.alwaysOpen} onCheckedChange={(v) => onChange({ alwaysOpen: v })} />
      {problems.length > 0 && (
        <p id={errorsId} className="sr-only">
          {say(problems)}
        </p>
      )}
      {!row.alwaysOpen && (
        <div className="mt-3 flex flex-col gap-3">
          <TextField label={t('timeZone')} hint={t('timeZoneHint')} value={row.timeZone} maxLength={64} onChange={(e) => onChange({ timeZone: e.target.value })} error={problems.includes('timeZone') ? t('problems.timeZone') : undefined} />
          <div role="group" aria-label={t('intervals')} className="flex flex-col gap-2">
            <p className="text-sm font-medium">{t('intervals')}</p>
            <p className="text-xs text-slate-600">{t('intervalsHint')}</p>
            {row.intervals.length === 0 && <p className="text-sm text-slate-700">{t('noIntervals')}</p>}
            {row.intervals.map((x, k) => (
              <div key={k} className="flex flex-wrap items-end gap-2">
                <label className="flex flex-col gap-1 text-sm">
                  {t('day')}
                  <select className={control} value={x.day} onChange={(e) => setInterval(k, { day: Number(e.target.value) as Weekday })}>
                    {DAYS.map((d) => (
                      <option key={d} value={d}>
                        {t(`days.${d}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="flex flex-col gap-1 text-sm">
                  {t('start')}
                  <input type="time" required className={control} value={x.start} onChange={(e) => setInterval(k, { start: e.target.value })} />
                </label>
                <label className="flex flex-col gap-1 text-sm">
                  {t('end')}
                  <input type="time" required className={control} value={x.end} onChange={(e) => setInterval(k, { end: e.target.value })} />
                </label>
                <Button
                  className="inline-flex items-center gap-1"
                  aria-label={t('removeInterval', { day: t(`days.${x.day}`), start: x.start, end: x.end })}
                  onClick={() => onChange({ intervals: row.intervals.filter((_, j) => j !== k) })}
                >
                  <Trash2 aria-hidden className="size-4" />
                </Button>
              </div>
            ))}
            {intervalProblems.length > 0 && (
              <p role="alert" className="text-sm text-red-800">
                {say(intervalProblems)}
              </p>
            )}
            <Button className="inline-flex w-fit items-center gap-1" onClick={() => onChange({ intervals: [...row.intervals, { day: 1, start: '09:00', end: '17:00' }] })}>
              <Plus aria-hidden className="size-4" />
              {t('addInterval')}
            </Button>
          </div>
          <TextAreaField label={t('holidays')} hint={t('holidaysHint')} rows={3} value={row.holidaysText} onChange={(e) => onChange({ holidaysText: e.target.value })} error={say(holidayProblems)} />
        </div>
      )}
    </fieldset>
  );
}
