// Issue 16: lib/interactions is split along its real lines (docs/architecture.md, "The chat write
// model's parts"). This pins the direction of the imports between the parts, so that staff sends
// never borrow the contact's module again and the browser's rules never pull in server code.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '../..');
const parts = ['core', 'contact', 'staff', 'client'] as const;
type Part = (typeof parts)[number];

/** Product files of one part (tests left out: a test may reach across to compare two sides). */
function sources(part: Part): string[] {
  return fs
    .readdirSync(path.join(here, part))
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.join(here, part, f));
}

/** Every module specifier a file imports or re-exports, resolved to a path when it is ours. */
function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => (s.startsWith('@/') ? path.join(root, s.slice(2)) : s.startsWith('.') ? path.resolve(path.dirname(file), s) : s));
}

const partOf = (p: string): Part | 'folder' | null => {
  if (!path.isAbsolute(p)) return null;
  const rel = path.relative(here, p);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const top = rel.split(path.sep)[0] as Part;
  return parts.includes(top) ? top : 'folder';
};
const isServerOnly = (p: string) => /^import 'server-only';/m.test(fs.readFileSync(`${p}.ts`, 'utf8'));

/** Which parts each part may import from. */
const allowed: Record<Part, readonly Part[]> = {
  core: ['core'],
  contact: ['core', 'contact'],
  staff: ['core', 'staff'],
  client: ['core', 'client'],
};

describe('lib/interactions parts import only downwards', () => {
  it('every module of lib/interactions/ is in one of the four parts', () => {
    const loose = fs.readdirSync(here).filter((f) => /\.tsx?$/.test(f) && f !== 'parts.test.ts');
    expect(loose).toEqual([]);
    expect(fs.readdirSync(here).filter((f) => fs.statSync(path.join(here, f)).isDirectory()).sort()).toEqual([...parts].sort());
  });

  for (const part of parts) {
    it(`${part}/ imports only from ${allowed[part].join(' and ')}`, () => {
      const files = sources(part);
      expect(files.length).toBeGreaterThan(0);
      const wrong = files.flatMap((f) =>
        imports(f)
          .filter((p) => partOf(p) !== null && !allowed[part].includes(partOf(p) as Part))
          .map((p) => `${path.relative(root, f)} -> ${path.relative(root, p)}`),
      );
      expect(wrong).toEqual([]);
    });
  }

  it('client/ rules run in the browser: no server-only module, in the part or from the core', () => {
    const wrong = sources('client').flatMap((f) => [
      ...(isServerOnly(f.replace(/\.ts$/, '')) ? [path.relative(root, f)] : []),
      ...imports(f)
        .filter((p) => p === 'server-only' || (partOf(p) !== null && isServerOnly(p)))
        .map((p) => `${path.relative(root, f)} -> ${path.relative(root, p)}`),
    ]);
    expect(wrong).toEqual([]);
  });

  it('staff sends and ends take broadcastMessage, statusEvent and endInteraction from the core, not the contact module', () => {
    const staff = sources('staff').map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    expect(staff).toMatch(/import \{ broadcastMessage \} from '\.\.\/core\/broadcast'/);
    expect(staff).toMatch(/import \{ statusEvent \} from '\.\.\/core\/broadcast'/);
    expect(staff).toMatch(/import \{ endInteraction \} from '\.\.\/core\/end'/);
    expect(staff).not.toMatch(/contact-chat/);
  });
});
