#!/usr/bin/env bash
# The second file move of the house restructuring (issue 16): lib/interactions split along its
# real lines, as a replayable script. Run it on any tree (also one merged from a branch that still
# imports the old paths, or that added files to lib/interactions/) and it moves the files that are
# still at their old place and rewrites every reference across the repository: `@/lib/...`
# specifiers, relative specifiers (`./x`, `../x`, also `import('./x')` in tests and `typeof
# import(...)`), and paths named in docs, comments and configs. Idempotent: a second run finds
# nothing to move and nothing to rewrite.
#
#   bash scripts/house-moves-2.sh && npx tsc --noEmit -p tsconfig.all.json
#   bash scripts/house-moves-2.sh --readme     # also rewrite README.md (left alone by default:
#                                              # another stream owns it this round)
#
# Moves (lib/interactions/X -> lib/interactions/<part>/X, file names unchanged, tests with their
# subject). The lines and why are in docs/architecture.md, "The chat write model's parts".
#   core/     the chat write model both sides use: messages, the group commit, the chat store,
#             lifecycle rules, message rows, schemas, client ids, access to a chat
#   contact/  what the contact's API does: start/send/read/end, the contact's key, presence
#   staff/    what staff do: agent state, offers, sends, the internal stream, wrap-up, read models,
#             the staff route helpers
#   client/   pure rules that also run in the browser: transcript sync and merge, the agent view
# Moved by hand afterwards, and retargeted here in named imports of contact/contact-chat:
#   broadcastMessage, statusEvent -> core/broadcast.ts;  endInteraction -> core/end.ts
set -euo pipefail
cd "$(dirname "$0")/.."

readme=0
[ "${1:-}" = "--readme" ] && readme=1

HOUSE_README=$readme node --input-type=module - <<'NODE'
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const parts = {
  core: [
    'access', 'append-batch', 'append-batch.db.test', 'chat-store', 'chat-store.db.test', 'client-id', 'client-id.test',
    'lifecycle', 'lifecycle.test', 'message-rows', 'messages', 'messages.db.test', 'schemas', 'schemas.test',
  ],
  contact: ['contact-api', 'contact-chat', 'contact-key.db.test', 'contact-privacy.db.test', 'presence', 'presence-webhooks.db.test'],
  staff: ['agent-messages', 'agent-side.db.test', 'agent-state', 'agent-views', 'internal-stream', 'offers', 'staff-api', 'wrap-up'],
  client: ['agent-view', 'agent-view.test', 'transcript-merge', 'transcript-merge.test', 'transcript-sync', 'transcript-sync.test'],
};
const base = 'lib/interactions';
/** old stem ('lib/interactions/messages') -> new stem ('lib/interactions/core/messages'), and back. */
const moved = new Map();
for (const [part, stems] of Object.entries(parts)) for (const s of stems) moved.set(`${base}/${s}`, `${base}/${part}/${s}`);
const movedBack = new Map([...moved].map(([a, b]) => [b, a]));

const git = (...args) => execFileSync('git', args, { encoding: 'utf8' });
const isTracked = (f) => {
  try {
    git('ls-files', '--error-unmatch', f);
    return true;
  } catch {
    return false;
  }
};

// 1. Moves: every file still at its old place (tracked: git mv, so history follows; else mv).
for (const [from, to] of moved) {
  const src = `${from}.ts`;
  const dest = `${to}.ts`;
  if (!fs.existsSync(src)) continue;
  if (fs.existsSync(dest)) {
    console.error(`house-moves-2: both ${src} and ${dest} exist: merge them by hand, then run again`);
    process.exitCode = 1;
    continue;
  }
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  if (isTracked(src)) git('mv', src, dest);
  else fs.renameSync(src, dest);
  console.log(`moved ${src} -> ${dest}`);
}

// 2. References. Every file git would see (tracked, and untracked but not ignored).
const skip = (f) =>
  f.startsWith('node_modules/') || /^scripts\/house-moves[^/]*\.sh$/.test(f) || (f === 'README.md' && process.env.HOUSE_README !== '1');
const files = git('ls-files', '-co', '--exclude-standard', '-z')
  .split('\0')
  .filter((f) => f && !skip(f) && fs.existsSync(f) && fs.statSync(f).isFile() && fs.statSync(f).size < 2_000_000);

// a. Paths by name anywhere (alias specifiers '@/lib/interactions/x', docs, comments, configs).
//    Longest names first, and a name must end there ('agent-view' is not 'agent-views').
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const oldNames = [...moved.keys()].map((k) => k.slice(base.length + 1)).sort((a, b) => b.length - a.length);
const byName = new RegExp(`${esc(base)}/(${oldNames.map(esc).join('|')})(?![\\w-])`, 'g');

// b. Relative specifiers in code: resolved from the file's place before the move (its old place
//    if it moved), mapped through the moves, written again relative to where the file is now.
const code = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const exts = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '/index.ts', '/index.tsx'];
const resolves = (p) => fs.existsSync(p) && fs.statSync(p).isFile() || exts.some((e) => fs.existsSync(p + e));
const relSpec = /((?:\bfrom|\bimport|\brequire|\bmock|\bimportActual|\bdoMock)\s*(?:<[^>\n]*>)?\s*\(?\s*)(['"])(\.\.?\/[^'"\n]*)\2/g;

// c. Functions moved by hand out of contact/contact-chat.ts into the core (a commit after the
//    first run): `import { endInteraction } from '…/contact-chat'` in a merged branch is pointed at
//    the core module. Only once the core modules exist and export the name.
const symbolHomes = { broadcastMessage: `${base}/core/broadcast`, statusEvent: `${base}/core/broadcast`, endInteraction: `${base}/core/end` };
const exportsName = (stem, name) => fs.existsSync(`${stem}.ts`) && new RegExp(`export (async )?function ${name}\\b`).test(fs.readFileSync(`${stem}.ts`, 'utf8'));
const namedImport = /import\s+(type\s+)?\{([^}]*)\}\s*from\s*(['"])([^'"\n]*contact-chat)\3;?/g;
function retargetSymbols(f, text) {
  const here = path.posix.dirname(f);
  return text.replace(namedImport, (all, typeOnly = '', names, q, spec) => {
    const target = spec.startsWith('@/') ? spec.slice(2) : path.posix.join(here, spec);
    if (target !== `${base}/contact/contact-chat`) return all;
    const keep = [];
    const move = new Map();
    for (const raw of names.split(',').map((n) => n.trim()).filter(Boolean)) {
      const name = raw.replace(/^type\s+/, '').split(/\s+as\s+/)[0];
      const home = symbolHomes[name];
      if (home && exportsName(home, name)) move.set(home, [...(move.get(home) ?? []), raw]);
      else keep.push(raw);
    }
    if (move.size === 0) return all;
    const specFor = (stem) => {
      if (spec.startsWith('@/')) return `@/${stem}`;
      const rel = path.posix.relative(here, stem);
      return rel.startsWith('.') ? rel : `./${rel}`;
    };
    const lines = keep.length ? [`import ${typeOnly}{ ${keep.join(', ')} } from ${q}${spec}${q};`] : [];
    for (const [home, list] of move) lines.push(`import ${typeOnly}{ ${list.join(', ')} } from ${q}${specFor(home)}${q};`);
    return lines.join('\n');
  });
}

let changedFiles = 0;
for (const f of files) {
  const before = fs.readFileSync(f, 'utf8');
  if (before.includes('\0')) continue;
  let text = before.replace(byName, (_, name) => moved.get(`${base}/${name}`));
  if (code.test(f)) {
    const here = path.posix.dirname(f);
    const stem = f.replace(code, '');
    const oldHere = path.posix.dirname(movedBack.get(stem) ?? stem);
    text = text.replace(relSpec, (all, lead, q, spec) => {
      if (resolves(path.posix.join(here, spec))) return all;
      const ext = spec.match(/\.(ts|tsx|js)$/)?.[0] ?? '';
      const target = path.posix.join(oldHere, spec.slice(0, spec.length - ext.length));
      const now = moved.get(target) ?? (resolves(target + ext) ? target : null);
      if (!now) return all;
      let rel = path.posix.relative(here, now);
      if (!rel.startsWith('.')) rel = `./${rel}`;
      return `${lead}${q}${rel}${ext}${q}`;
    });
  }
  if (code.test(f)) text = retargetSymbols(f, text);
  if (text !== before) {
    fs.writeFileSync(f, text);
    changedFiles += 1;
    console.log(`rewrote ${f}`);
  }
}
// 3. A file a merged branch added at the top of lib/interactions/ belongs to no part: say so
//    (lib/interactions/parts.test.ts fails on it until it is placed by hand).
for (const f of fs.readdirSync(base)) {
  if (/\.tsx?$/.test(f) && f !== 'parts.test.ts') console.error(`house-moves-2: ${base}/${f} is in no part (core/, contact/, staff/, client/): move it by hand`);
}
console.log(`house-moves-2: done (${changedFiles} file(s) rewritten)`);
NODE
