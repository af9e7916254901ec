import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales, namespaces } from './config';

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
const load = (locale: string, ns: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'messages', locale, `${ns}.json`), 'utf8')) as unknown;

describe('catalogues', () => {
  it.each(namespaces)('%s has the same keys in every locale', (ns) => {
    const [first, ...rest] = locales.map((l) => keys(load(l, ns)).sort());
    for (const other of rest) expect(other).toEqual(first);
  });
  it('the privacy texts the agent sees exist in English and Canadian French', () => {
    expect(load('en', 'privacy')).toMatchObject({ unverifiedMatch: 'Unverified match' });
    expect(load('fr-CA', 'privacy')).toMatchObject({ unverifiedMatch: 'Correspondance non vérifiée' });
  });
});
