// M6: how an audit entry's before → after reads, for the audit log page and its CSV export.
// Pure functions: the entry's details are stored as recorded (lib/audit/audit.ts).

export interface AuditChange {
  /** The field that changed; '' when the whole value is a scalar. */
  field: string;
  /** Shown values; null means "no value" (the record did not exist, or the field was empty). */
  before: string | null;
  after: string | null;
}

// Bookkeeping columns that change with every write and say nothing to a reader.
const NOISE = new Set(['updatedAt', 'createdAt', 'idleSince']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One value as text: arrays joined, objects as JSON, empty as null. */
export function formatAuditValue(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? null : v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ');
  return JSON.stringify(v);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields that differ between before and after, in the order they were recorded. A creation
 * (no before) lists every field of after; a deletion every field of before.
 */
export function auditChanges(details: unknown): AuditChange[] {
  const d = isRecord(details) ? details : {};
  const before = d.before ?? null;
  const after = d.after ?? null;
  if (!isRecord(before) && !isRecord(after)) {
    return same(before, after) ? [] : [{ field: '', before: formatAuditValue(before), after: formatAuditValue(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !NOISE.has(k));
  const changes: AuditChange[] = [];
  for (const k of keys) {
    if (isRecord(before) && isRecord(after) && same(b[k], a[k])) continue;
    const from = isRecord(before) ? formatAuditValue(b[k]) : null;
    const to = isRecord(after) ? formatAuditValue(a[k]) : null;
    if (from === null && to === null) continue;
    changes.push({ field: k, before: from, after: to });
  }
  return changes;
}

/** "field: before → after; …" (— for no value), for one CSV cell. */
export function auditChangesText(details: unknown): string {
  return auditChanges(details)
    .map((c) => `${c.field ? `${c.field}: ` : ''}${c.before ?? '—'} → ${c.after ?? '—'}`)
    .join('; ');
}

/**
 * RFC 4180 CSV. Cells that a spreadsheet would run as a formula (= + - @, tab, CR at the start)
 * are prefixed with an apostrophe, so an exported audit log can never execute anything.
 */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const cell = (v: string | number | null | undefined) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
