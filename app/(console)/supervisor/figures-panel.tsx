'use client';

import { useTranslations } from 'next-intl';
import { Info } from 'lucide-react';
import type { FiguresView } from '@/lib/supervisor/figures-data';
import type { QueueFigures } from '@/lib/supervisor/figures';
import { Tooltip } from '@/components/ui/tooltip';
import { formatDuration } from './format';

const COLUMNS = ['waiting', 'longestWait', 'offered', 'accepted', 'abandoned', 'handled', 'avgFirstResponse', 'avgHandle', 'serviceLevel', 'redResponses'] as const;
type Column = (typeof COLUMNS)[number];

function value(f: QueueFigures, c: Column): string {
  switch (c) {
    case 'waiting':
      return String(f.waiting);
    case 'longestWait':
      return f.waiting ? formatDuration(f.longestWaitMs) : '—';
    case 'offered':
      return String(f.offered);
    case 'accepted':
      return String(f.accepted);
    case 'abandoned':
      return String(f.abandoned);
    case 'handled':
      return String(f.handled);
    case 'avgFirstResponse':
      return f.avgFirstResponseMs === null ? '—' : formatDuration(f.avgFirstResponseMs);
    case 'avgHandle':
      return f.avgHandleMs === null ? '—' : formatDuration(f.avgHandleMs);
    case 'serviceLevel':
      return f.serviceLevel === null ? '—' : `${Math.round(f.serviceLevel * 100)} %`;
    case 'redResponses':
      return String(f.redResponses);
  }
}

/** S3: per queue and overall, each figure's definition on hover or keyboard focus of its heading. */
export function FiguresPanel({ figures }: { figures: FiguresView }) {
  const t = useTranslations('supervisor.figures');
  const tw = useTranslations('rating.board');
  return (
    <section aria-labelledby="figures-heading" className="border-b border-slate-200 bg-white px-3 py-2">
      <h2 id="figures-heading" className="mb-1 font-semibold">
        {t('title')}
      </h2>
      <div className="overflow-x-auto">
        <table aria-labelledby="figures-heading" className="text-sm">
          <thead>
            <tr>
              <th scope="col" className="px-2 text-left">{t('queue')}</th>
              {COLUMNS.map((c) => (
                <th key={c} scope="col" className="px-2 text-right">
                  <Tooltip content={t(`help.${c}`, { seconds: figures.serviceLevelSec, red: figures.timers.redSec })}>
                    <button type="button" className="inline-flex items-center gap-1 font-semibold underline decoration-dotted focus-visible:outline-2 focus-visible:outline-blue-600">
                      {t(c)}
                      <Info aria-hidden className="h-3 w-3" />
                    </button>
                  </Tooltip>
                </th>
              ))}
              <th scope="col" className="px-2 text-right">
                <Tooltip content={tw('waitHelp')}>
                  <button type="button" className="inline-flex items-center gap-1 font-semibold underline decoration-dotted focus-visible:outline-2 focus-visible:outline-blue-600">
                    {tw('waitColumn')}
                    <Info aria-hidden className="h-3 w-3" />
                  </button>
                </Tooltip>
              </th>
            </tr>
          </thead>
          <tbody>
            {[{ id: 'overall', name: t('overall'), figures: figures.overall, estimatedWait: undefined }, ...figures.queues].map((q) => (
              <tr key={q.id} className={q.id === 'overall' ? 'font-semibold' : ''}>
                <th scope="row" className="px-2 text-left">
                  {q.name}
                </th>
                {COLUMNS.map((c) => (
                  <td key={c} className="px-2 text-right tabular-nums">
                    {value(q.figures, c)}
                  </td>
                ))}
                <td className="px-2 text-right tabular-nums">{!q.estimatedWait ? '—' : q.estimatedWait.kind === 'fewMinutes' ? tw('waitFew') : tw('waitMinutes', { minutes: q.estimatedWait.minutes })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
