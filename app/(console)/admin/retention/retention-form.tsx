'use client';

import { Plus, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { LifecycleSettings } from '@/lib/lifecycle/settings';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { Switch } from '@/components/ui/switch';
import { SaveBar, Section } from '../form-kit';
import { purgeDryRunAction, purgeNowAction, saveLifecycleSettingsAction } from '../lifecycle-actions';

type DaysKey = 'keepTranscriptsDays' | 'keepAttachmentsDays' | 'keepOfflineMessagesDays' | 'keepAuditDays';
/** Each days field and the purger kind that must be registered for it to show (null: always). */
const DAY_FIELDS: { key: DaysKey; kind: string | null }[] = [
  { key: 'keepTranscriptsDays', kind: null },
  { key: 'keepAttachmentsDays', kind: 'attachments' },
  { key: 'keepOfflineMessagesDays', kind: 'offlineMessages' },
  { key: 'keepAuditDays', kind: null },
];
const KNOWN_KINDS = ['transcripts', 'attachments', 'offlineMessages', 'auditLog'] as const;

/** A whole number of days from 0 to 36500, or null. */
function parseDays(s: string): number | null {
  if (!/^\d{1,5}$/.test(s.trim())) return null;
  const n = Number(s.trim());
  return n <= 36_500 ? n : null;
}

type Pattern = { name: string; pattern: string; example: string };

/** The admin section "Data retention" (issue 22): days to keep each kind, card masking, dry run and purge now. */
export function RetentionForm({ initial, queues, kinds }: { initial: LifecycleSettings; queues: { id: string; name: string }[]; kinds: string[] }) {
  const t = useTranslations('lifecycle.retention');
  const te = useTranslations('errors');
  const router = useRouter();
  const [days, setDays] = useState<Record<DaysKey, string>>({
    keepTranscriptsDays: String(initial.keepTranscriptsDays),
    keepAttachmentsDays: String(initial.keepAttachmentsDays),
    keepOfflineMessagesDays: String(initial.keepOfflineMessagesDays),
    keepAuditDays: String(initial.keepAuditDays),
  });
  const [perQueue, setPerQueue] = useState<Record<string, string>>(Object.fromEntries(queues.map((q) => [q.id, q.id in initial.queueTranscriptDays ? String(initial.queueTranscriptDays[q.id]) : ''])));
  const [maskCards, setMaskCards] = useState(initial.maskCards);
  const [patterns, setPatterns] = useState<Pattern[]>(initial.extraPatterns);
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<{ title: string; counts: Record<string, number> } | null>(null);
  const [runError, setRunError] = useState<string | undefined>();
  const [confirmOpen, setConfirmOpen] = useState(false);

  const shown = DAY_FIELDS.filter((f) => f.kind === null || kinds.includes(f.kind));
  const errorText = (r: { serverError?: { code?: string }; validationErrors?: unknown } | undefined) =>
    r?.validationErrors ? te('invalidInput') : te.has(r?.serverError?.code ?? '') ? te(r!.serverError!.code as 'internal') : te('internal');

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError(undefined);
    const bad = new Set<string>();
    const values: Partial<Record<DaysKey, number>> = {};
    for (const f of shown) {
      const n = parseDays(days[f.key]);
      if (n === null) bad.add(f.key);
      else values[f.key] = n;
    }
    const queueTranscriptDays: Record<string, number> = {};
    for (const q of queues) {
      const raw = perQueue[q.id] ?? '';
      if (raw.trim() === '') continue;
      const n = parseDays(raw);
      if (n === null) bad.add(`queue:${q.id}`);
      else queueTranscriptDays[q.id] = n;
    }
    setInvalid(bad);
    if (bad.size > 0) return;
    setPending(true);
    const r = await saveLifecycleSettingsAction({ ...values, queueTranscriptDays, maskCards, extraPatterns: patterns });
    setPending(false);
    if (r?.data) {
      setSaved(true);
      router.refresh();
    } else setError(errorText(r));
  };

  const run = async (which: 'dryRun' | 'purge') => {
    setRunning(true);
    setRunError(undefined);
    setReport(null);
    const r = which === 'dryRun' ? await purgeDryRunAction({}) : await purgeNowAction({});
    setRunning(false);
    if (r?.data) setReport({ title: which === 'dryRun' ? t('dryRunTitle') : t('purgedTitle'), counts: r.data });
    else setRunError(errorText(r));
  };

  const kindLabel = (k: string) => ((KNOWN_KINDS as readonly string[]).includes(k) ? t(`kinds.${k as (typeof KNOWN_KINDS)[number]}`) : `${t('kinds.other')} (${k})`);
  const setPattern = (i: number, patch: Partial<Pattern>) => setPatterns(patterns.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  return (
    <Section id="retention" title={t('title')}>
      <p className="mb-3 text-sm text-slate-700">{t('intro')}</p>
      <form noValidate onSubmit={submit} className="flex max-w-xl flex-col gap-4">
        {shown.map((f) => (
          <TextField
            key={f.key}
            type="number"
            inputMode="numeric"
            min={0}
            max={36500}
            label={t(f.key)}
            hint={t('daysHint')}
            error={invalid.has(f.key) ? t('invalidDays') : undefined}
            value={days[f.key]}
            onChange={(e) => setDays({ ...days, [f.key]: e.target.value })}
          />
        ))}
        {queues.length > 0 ? (
          <fieldset className="rounded border border-slate-200 bg-white p-3">
            <legend className="px-1 text-sm font-semibold">{t('queueOverrides')}</legend>
            <p className="mb-2 text-sm text-slate-700">{t('queueOverridesHint')}</p>
            <div className="grid gap-3 sm:grid-cols-2">
              {queues.map((q) => (
                <TextField
                  key={q.id}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={36500}
                  label={q.name}
                  error={invalid.has(`queue:${q.id}`) ? t('invalidDays') : undefined}
                  value={perQueue[q.id] ?? ''}
                  onChange={(e) => setPerQueue({ ...perQueue, [q.id]: e.target.value })}
                />
              ))}
            </div>
          </fieldset>
        ) : null}
        <div>
          <Switch label={t('maskCards')} checked={maskCards} onCheckedChange={setMaskCards} aria-describedby="mask-cards-hint" />
          <p id="mask-cards-hint" className="mt-1 text-sm text-slate-700">
            {t('maskCardsHint')}
          </p>
        </div>
        <fieldset className="rounded border border-slate-200 bg-white p-3">
          <legend className="px-1 text-sm font-semibold">{t('extraPatterns')}</legend>
          <ol className="flex flex-col gap-3">
            {patterns.map((p, i) => (
              <li key={i} className="grid items-end gap-2 sm:grid-cols-[1fr_1fr_1fr_auto]">
                <TextField label={t('patternName')} value={p.name} onChange={(e) => setPattern(i, { name: e.target.value })} />
                <TextField label={t('patternRegex')} value={p.pattern} onChange={(e) => setPattern(i, { pattern: e.target.value })} />
                <TextField label={t('patternExample')} value={p.example} onChange={(e) => setPattern(i, { example: e.target.value })} />
                <Button type="button" aria-label={t('removePattern', { n: i + 1 })} onClick={() => setPatterns(patterns.filter((_, j) => j !== i))}>
                  <Trash2 aria-hidden className="size-4" />
                </Button>
              </li>
            ))}
          </ol>
          <Button type="button" className="mt-2 inline-flex items-center gap-1" onClick={() => setPatterns([...patterns, { name: '', pattern: '', example: '' }])}>
            <Plus aria-hidden className="size-4" />
            {t('addPattern')}
          </Button>
        </fieldset>
        <SaveBar label={t('save')} pending={pending} saved={saved} error={error} />
      </form>

      <div className="mt-6 flex max-w-xl flex-col gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" disabled={running} onClick={() => void run('dryRun')}>
            {t('dryRun')}
          </Button>
          <Dialog open={confirmOpen} onOpenChange={setConfirmOpen}>
            <Button type="button" variant="danger" disabled={running} onClick={() => setConfirmOpen(true)}>
              {t('purgeNow')}
            </Button>
            <DialogContent title={t('purgeConfirmTitle')} description={t('purgeConfirmText')} closeLabel={t('close')}>
              <div className="flex justify-end gap-2">
                <DialogClose asChild>
                  <Button type="button">{t('cancel')}</Button>
                </DialogClose>
                <Button
                  type="button"
                  variant="danger"
                  onClick={() => {
                    setConfirmOpen(false);
                    void run('purge');
                  }}
                >
                  {t('purgeConfirm')}
                </Button>
              </div>
            </DialogContent>
          </Dialog>
        </div>
        <div role="status" className="text-sm">
          {running ? t('running') : runError ? <span className="text-red-800">{runError}</span> : null}
          {report ? (
            <>
              <p className="font-semibold">{report.title}</p>
              <ul className="list-disc pl-5">
                {Object.entries(report.counts).map(([kind, n]) => (
                  <li key={kind}>
                    {kindLabel(kind)}: {t('count', { count: n })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
    </Section>
  );
}
