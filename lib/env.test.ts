import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { envSchema, logSchema } from './env';

/** `NAME=value` lines of .env.example, commented out or not (the first one of each name). */
function exampleValues(): Map<string, string> {
  const text = fs.readFileSync(path.join(__dirname, '..', '.env.example'), 'utf8');
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    // A value with spaces is quoted, as in a shell: MAIL_FROM="Chat console <no-reply@localhost>".
    const m = /^#?\s*([A-Z][A-Z0-9_]*)=("[^"]*"|\S*)/.exec(line);
    if (m && !out.has(m[1])) out.set(m[1], m[2].replace(/^"(.*)"$/, '$1'));
  }
  return out;
}

describe('.env.example and lib/env.ts', () => {
  const example = exampleValues();
  const fields = { ...envSchema.shape, ...logSchema.shape } as Record<string, z.ZodType>;
  // NODE_ENV is set by Next.js (next start / next dev), not by the operator.
  const names = Object.keys(fields).filter((k) => k !== 'NODE_ENV');

  it('documents every variable the app reads', () => {
    expect(names.filter((n) => !example.has(n))).toEqual([]);
  });

  it('shows each default as lib/env.ts has it', () => {
    const differing: string[] = [];
    for (const name of names) {
      const field = fields[name];
      const dflt = field.safeParse(undefined);
      if (!dflt.success || dflt.data === undefined) continue; // required or optional: no default
      const shown = field.safeParse(example.get(name));
      if (!shown.success || JSON.stringify(shown.data) !== JSON.stringify(dflt.data)) {
        differing.push(`${name}: .env.example ${example.get(name)}, default ${JSON.stringify(dflt.data)}`);
      }
    }
    expect(differing).toEqual([]);
  });
});
