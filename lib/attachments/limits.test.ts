import { describe, expect, it } from 'vitest';
import { UploadBudgets } from './budgets';
import { checkBeforeUpload, DEFAULT_ALLOWED_TYPES, fileResponseHeaders, formatSize, MAX_NAME_LENGTH, maxBytes, safeFileName } from './limits';

const policy = { maxFileSizeMb: 20, allowedTypes: DEFAULT_ALLOWED_TYPES, contactsEnabled: true };

describe('checkBeforeUpload (browser and server)', () => {
  it('allows up to exactly the limit and refuses one byte more', () => {
    expect(maxBytes(policy)).toBe(20 * 1024 * 1024);
    expect(checkBeforeUpload(policy, { size: 20 * 1024 * 1024, byContact: true })).toBeNull();
    expect(checkBeforeUpload(policy, { size: 20 * 1024 * 1024 + 1, byContact: true })).toBe('tooLarge');
    expect(checkBeforeUpload(policy, { size: 25 * 1024 * 1024, byContact: false })).toBe('tooLarge');
  });
  it('refuses empty files and contacts when switched off', () => {
    expect(checkBeforeUpload(policy, { size: 0, byContact: false })).toBe('empty');
    expect(checkBeforeUpload({ ...policy, contactsEnabled: false }, { size: 10, byContact: true })).toBe('disabled');
    expect(checkBeforeUpload({ ...policy, contactsEnabled: false }, { size: 10, byContact: false })).toBeNull();
  });
  it('the default allows images, PDF, text and office documents, never markup', () => {
    for (const t of ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']) expect(DEFAULT_ALLOWED_TYPES).toContain(t);
    for (const t of ['text/html', 'image/svg+xml', 'application/xml']) expect(DEFAULT_ALLOWED_TYPES as string[]).not.toContain(t);
  });
});

describe('safeFileName', () => {
  it('keeps only the last path segment: no traversal', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..\\..\\windows\\win.ini')).toBe('win.ini');
    expect(safeFileName('/')).toBe('file');
    expect(safeFileName('..')).toBe('file');
  });
  it('drops control and bidi-override characters and never returns empty', () => {
    expect(safeFileName('in\u0000voice\u202Egnp.exe')).toBe('invoicegnp.exe');
    expect(safeFileName('   ')).toBe('file');
  });
  it('cuts huge names to the limit, keeping the extension', () => {
    const name = safeFileName(`${'a'.repeat(10_000)}.pdf`);
    expect(Array.from(name).length).toBe(MAX_NAME_LENGTH);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('fileResponseHeaders', () => {
  it('inline only for the four image types; everything else is an attachment; nosniff and no scripts always', () => {
    const png = fileResponseHeaders({ name: 'a.png', mime: 'image/png', size: 3 });
    expect(png['content-disposition']).toMatch(/^inline;/);
    expect(png['content-type']).toBe('image/png');
    const pdf = fileResponseHeaders({ name: 'ré sumé.pdf', mime: 'application/pdf', size: 3 });
    expect(pdf['content-disposition']).toBe(`attachment; filename="r_ sum_.pdf"; filename*=UTF-8''r%C3%A9%20sum%C3%A9.pdf`);
    for (const h of [png, pdf, fileResponseHeaders({ name: 'x.svg', mime: 'image/svg+xml', size: 1 })]) {
      expect(h['x-content-type-options']).toBe('nosniff');
      expect(h['content-security-policy']).toContain("default-src 'none'");
      expect(h['content-security-policy']).toContain('sandbox');
    }
    const svg = fileResponseHeaders({ name: 'x.svg', mime: 'image/svg+xml', size: 1 });
    expect(svg['content-disposition']).toMatch(/^attachment;/);
    expect(svg['content-type']).toBe('application/octet-stream');
  });
  it('formats sizes', () => {
    expect(formatSize(12)).toBe('12 B');
    expect(formatSize(2048)).toBe('2 KB');
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

describe('UploadBudgets (per instance)', () => {
  it('counts uploads in flight in this process, releasing once', () => {
    const b = new UploadBudgets({ inFlight: 2 });
    const a = b.begin();
    expect('release' in a).toBe(true);
    const c = b.begin();
    expect(b.begin()).toEqual({ refused: 'busy' });
    if ('release' in a) {
      a.release();
      a.release();
    }
    expect(b.uploadsInFlight).toBe(1);
    expect('release' in b.begin()).toBe(true);
    expect(b.begin()).toEqual({ refused: 'busy' });
    if ('release' in c) c.release();
    expect(b.uploadsInFlight).toBe(1);
  });
});
