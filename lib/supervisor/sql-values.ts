// Raw-SQL values as the wire wants them (raw queries skip Prisma's per-call query compilation).

/** A timestamp without zone read raw (a Date, or a string in UTC) as ISO 8601. */
export function iso(v: Date | string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`).toISOString();
}

export function num(v: number | bigint | string | null | undefined): number {
  return v === null || v === undefined ? 0 : Number(v);
}
