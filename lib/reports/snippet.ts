// Transcript search snippets (issue 20). PostgreSQL's ts_headline marks the hits with two private-use
// characters (stripped from the message text first, so a user cannot forge a mark); the page turns
// the marked string into plain text parts, rendered as text (React escapes them) with the hits in
// <mark>. No HTML from the store is ever interpreted.

export const HIT_START = '\uE000';
export const HIT_STOP = '\uE001';

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** The parts of a marked snippet, in order; empty parts are dropped, unbalanced marks ignored. */
export function snippetParts(marked: string): SnippetPart[] {
  const out: SnippetPart[] = [];
  let hit = false;
  let buf = '';
  const flush = () => {
    if (buf) out.push({ text: buf, hit });
    buf = '';
  };
  for (const ch of marked) {
    if (ch === HIT_START) {
      flush();
      hit = true;
    } else if (ch === HIT_STOP) {
      flush();
      hit = false;
    } else buf += ch;
  }
  flush();
  // Adjacent parts of the same kind (after an unbalanced mark) read as one.
  return out.reduce<SnippetPart[]>((acc, p) => {
    const last = acc.at(-1);
    if (last && last.hit === p.hit) last.text += p.text;
    else acc.push({ ...p });
    return acc;
  }, []);
}
