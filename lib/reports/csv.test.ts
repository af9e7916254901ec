import { describe, expect, it } from 'vitest';
import { csvRow, csvStream } from './csv';
import type { ReportRow } from './report-data';

const row = (over: Partial<ReportRow> = {}): ReportRow => ({
  id: 'c1',
  queueId: 'q',
  agentId: 'a',
  createdAt: new Date('2026-11-29T09:00:00Z'),
  acceptedAt: new Date('2026-11-29T09:00:20Z'),
  firstResponseAt: new Date('2026-11-29T09:01:20Z'),
  endedAt: new Date('2026-11-29T09:08:20Z'),
  doneAt: new Date('2026-11-29T09:10:20Z'),
  endedBy: 'contact',
  dispositionId: 'd',
  rating: 4,
  transfers: 1,
  conferences: 0,
  consultations: 0,
  responseWaitsMs: [],
  contactName: '=HYPERLINK("x")',
  queueName: 'Main',
  agents: 'Ann',
  dispositionName: 'Sale',
  ...over,
});

describe('report CSV', () => {
  it('gives waits, first response and handle time in seconds', () => {
    expect(csvRow(row()).slice(9)).toEqual([20, 60, 600, 'Sale', 4, 1]);
  });

  it('streams a header then one line per chat, formulas defused', async () => {
    async function* pages() {
      yield [row(), row({ id: 'c2', rating: null })];
      yield [row({ id: 'c3' })];
    }
    const bytes = new Uint8Array(await new Response(csvStream(pages())).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^id,contact,queue/);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['c1', 'c2', 'c3']);
  });
});

describe('figures CSV', () => {
  it('one row per scope, seconds and ratios, formulas in names defused', async () => {
    const { figuresCsv, FIGURES_HEADER } = await import('./csv');
    const { reportFigures } = await import('./figures');
    const f = reportFigures([row(), row({ id: 'c2', rating: null, acceptedAt: new Date('2026-11-29T09:01:00Z') })], { serviceLevelSec: 30, redSec: 60 });
    const lines = figuresCsv([
      { scope: 'overall', name: 'Overall', f },
      { scope: 'agent', name: '=cmd|"/c calc"!A1', f },
    ])
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(FIGURES_HEADER.join(','));
    // 2 offered/accepted/handled, ASA (20 s + 60 s) / 2, first response (60 s + 20 s) / 2, handle
    // (600 s + 560 s) / 2, SL 1 of 2 within 30 s, 0 late, 2 transfers, rating 4 from one chat.
    expect(lines[1]).toBe('overall,Overall,2,2,0,2,40,40,580,0.5,0,2,0,0,4,1');
    expect(lines[2]!.startsWith(`agent,"'=cmd|""/c calc""!A1",`)).toBe(true);
  });
});
