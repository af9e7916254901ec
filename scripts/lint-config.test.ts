import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Lints `code` as if it were the file `file` of the project, with eslint.config.mjs. */
async function rulesHit(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

describe('npm run lint (eslint.config.mjs)', () => {
  const readsEnv = 'export const level = process.env.LOG_LEVEL;\n';

  it('refuses process.env in app code', async () => {
    expect(await rulesHit('lib/routing/example.ts', readsEnv)).toContain('no-process-env');
    expect(await rulesHit('app/api/example/route.ts', readsEnv)).toContain('no-process-env');
    expect(await rulesHit('components/example.tsx', readsEnv)).toContain('no-process-env');
  });

  it('allows it in lib/env.ts and in what is not app code (scripts, bench, tests, the standalone realtime server)', async () => {
    for (const file of ['lib/env.ts', 'scripts/example.ts', 'bench/example.ts', 'e2e/example.spec.ts', 'test/example.ts', 'realtime-server/example.ts']) {
      expect(await rulesHit(file, readsEnv), file).not.toContain('no-process-env');
    }
  });

  it("applies Next.js's rules: hooks called conditionally are errors", async () => {
    const code = "'use client';\nimport { useState } from 'react';\nexport function C({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n";
    expect(await rulesHit('components/example.tsx', code)).toContain('react-hooks/rules-of-hooks');
  });

  it('accepts ordinary component code (a ref on the latest callback, state reset in an effect)', async () => {
    const code = `'use client';
import { useEffect, useRef, useState } from 'react';
export function C({ id, onDone }: { id: string; onDone: () => void }) {
  const done = useRef(onDone);
  done.current = onDone;
  const [text, setText] = useState('');
  useEffect(() => {
    setText('');
  }, [id]);
  return <button onClick={() => done.current()}>{text}</button>;
}
`;
    expect(await rulesHit('components/example.tsx', code)).toEqual([]);
  });
}, 60_000);
