// The per-chat CSV of a report (issue 20): one row per chat, formulas defused as in the audit export.
import { toCsv } from '@/lib/admin/audit-diff';
import type { ReportFigures } from './figures';
import type { ReportRow } from './report-data';

export const CSV_HEADER = [
  'id',
  'contact',
  'queue',
  'agents',
  'created_at',
  'accepted_at',
  'first_response_at',
  'ended_at',
  'done_at',
  'wait_s',
  'first_response_s',
  'handle_s',
  'disposition',
  'rating',
  'transfers',
] as const;

const at = (d: Date | null) => (d ? d.toISOString() : '');
const secs = (a: Date | null, b: Date | null) => (a && b ? Math.round((b.getTime() - a.getTime()) / 1000) : '');

export function csvRow(r: ReportRow): (string | number)[] {
  return [
    r.id,
    r.contactName,
    r.queueName,
    r.agents,
    at(r.createdAt),
    at(r.acceptedAt),
    at(r.firstResponseAt),
    at(r.endedAt),
    at(r.doneAt),
    secs(r.createdAt, r.acceptedAt ?? r.endedAt),
    secs(r.acceptedAt, r.firstResponseAt),
    r.acceptedAt && r.doneAt ? secs(r.acceptedAt, r.doneAt) : '',
    r.dispositionName ?? '',
    r.rating ?? '',
    r.transfers,
  ];
}

/** A stream of CSV text: the header, then each page of rows as it is read. */
export function csvStream(pages: AsyncIterable<ReportRow[]>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const it = pages[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(enc.encode(`\uFEFF${toCsv([[...CSV_HEADER]])}`));
        return;
      }
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(enc.encode(toCsv(next.value.map(csvRow))));
    },
    async cancel() {
      await it.return?.(undefined);
    },
  });
}

// ---- The figures table (overall, per queue, per agent) as CSV: machine-readable values (seconds,
// ratios), formulas defused the same way.

export const FIGURES_HEADER = [
  'scope',
  'name',
  'offered',
  'accepted',
  'abandoned',
  'handled',
  'asa_s',
  'avg_first_response_s',
  'avg_handle_s',
  'service_level',
  'late_responses',
  'transfers',
  'conferences',
  'consultations',
  'avg_rating',
  'ratings',
] as const;

const sec = (ms: number | null) => (ms === null ? '' : Math.round(ms / 100) / 10);
const ratio = (v: number | null, digits: number) => (v === null ? '' : Number(v.toFixed(digits)));

export function figuresCsv(rows: { scope: 'overall' | 'queue' | 'agent'; name: string; f: ReportFigures }[]): string {
  return `\uFEFF${toCsv([
    [...FIGURES_HEADER],
    ...rows.map(({ scope, name, f }) => [
      scope,
      name,
      f.offered,
      f.accepted,
      f.abandoned,
      f.handled,
      sec(f.asaMs),
      sec(f.avgFirstResponseMs),
      sec(f.avgHandleMs),
      ratio(f.serviceLevel, 4),
      f.lateResponses,
      f.transfers,
      f.conferences,
      f.consultations,
      ratio(f.avgRating, 2),
      f.ratings,
    ]),
  ])}`;
}
