import { describe, expect, it } from 'vitest';
import { auditChanges, auditChangesText, formatAuditValue, toCsv } from './audit-diff';

describe('auditChanges', () => {
  it('lists only the fields that changed, in recorded order', () => {
    const details = { before: { name: 'Agent One', capacity: 3, skills: ['English'], active: true }, after: { name: 'Agent One', capacity: 5, skills: ['English', 'Billing'], active: false } };
    expect(auditChanges(details)).toEqual([
      { field: 'capacity', before: '3', after: '5' },
      { field: 'skills', before: 'English', after: 'English, Billing' },
      { field: 'active', before: 'true', after: 'false' },
    ]);
  });
  it('a creation lists every field of after; a deletion every field of before', () => {
    expect(auditChanges({ before: null, after: { name: 'VIP', skill: null } })).toEqual([{ field: 'name', before: null, after: 'VIP' }]);
    expect(auditChanges({ before: { name: 'Old' }, after: null })).toEqual([{ field: 'name', before: 'Old', after: null }]);
  });
  it('shows a field that became empty, and skips bookkeeping columns', () => {
    expect(auditChanges({ before: { nickname: 'Alex', updatedAt: '2026-01-01' }, after: { nickname: null, updatedAt: '2026-02-02' } })).toEqual([{ field: 'nickname', before: 'Alex', after: null }]);
  });
  it('handles scalars, nested objects and junk', () => {
    expect(auditChanges({ before: 1, after: 2 })).toEqual([{ field: '', before: '1', after: '2' }]);
    expect(auditChanges({ before: { x: { a: 1 } }, after: { x: { a: 2 } } })).toEqual([{ field: 'x', before: '{"a":1}', after: '{"a":2}' }]);
    expect(auditChanges(null)).toEqual([]);
    expect(auditChanges('nonsense')).toEqual([]);
    expect(auditChanges({ before: { a: 1 }, after: { a: 1 } })).toEqual([]);
  });
  it('reads as one line for the CSV', () => {
    expect(auditChangesText({ before: { pendingYellowSec: 30, pendingRedSec: 60 }, after: { pendingYellowSec: 3, pendingRedSec: 6 } })).toBe('pendingYellowSec: 30 → 3; pendingRedSec: 60 → 6');
    expect(auditChangesText({ before: null, after: { name: 'X' } })).toBe('name: — → X');
  });
  it('formats values', () => {
    expect(formatAuditValue('')).toBeNull();
    expect(formatAuditValue([])).toBeNull();
    expect(formatAuditValue(false)).toBe('false');
    expect(formatAuditValue([{ a: 1 }, 'b'])).toBe('{"a":1}, b');
  });
});

describe('toCsv', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', 'line\nbreak', null, 3], ['=1+1', '+x', '-2', '@SUM(A1)', 'plain']])).toBe(
      'a,"b,c","say ""hi""","line\nbreak",,3\r\n\'=1+1,\'+x,\'-2,\'@SUM(A1),plain\r\n',
    );
  });
});
