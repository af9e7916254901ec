// Card numbers (PCI DSS) and admin-defined patterns masked out of message text BEFORE it is
// stored: pure functions, so the same rule runs on every write path and in the unit tests.

/** What replaces each hidden character. */
export const MASK = '•';

/**
 * A run of digit groups joined by single spaces or dashes, not glued to a letter or another digit:
 * "4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111". A number inside a word
 * ("ref4111111111111111x") is an identifier, not a card typed by a person.
 */
const RUN = /(?<![\p{L}\p{N}_])\d+(?:[ -]\d+)*(?![\p{L}\p{N}_])/gu;

function isCard(digits: string): boolean {
  // All zeros passes Luhn but is nobody's card (and is a common placeholder).
  return digits.length >= 13 && digits.length <= 19 && !/^0+$/.test(digits) && luhnValid(digits);
}

/**
 * Within one run, every span of whole groups that is a card number ("3 4111 1111 1111 1111":
 * the last four groups), longest first from the left.
 */
function maskRun(run: string): string {
  const parts = run.split(/([ -])/); // groups at even indexes, separators at odd ones
  const groups = parts.filter((_, i) => i % 2 === 0);
  const masked = new Set<number>();
  for (let i = 0; i < groups.length; i++) {
    for (let j = groups.length - 1; j >= i; j--) {
      const digits = groups.slice(i, j + 1).join('');
      if (digits.length > 19) continue;
      if (digits.length < 13) break;
      if (isCard(digits)) {
        for (let k = i; k <= j; k++) masked.add(k);
        i = j;
        break;
      }
    }
  }
  if (masked.size === 0) return run;
  // Mask group by group, keeping the last four digits of each masked span.
  let out = '';
  let span = '';
  const flush = () => {
    out += span ? maskKeepingLastFour(span) : '';
    span = '';
  };
  groups.forEach((g, n) => {
    const sep = n > 0 ? parts[2 * n - 1]! : '';
    if (masked.has(n)) span += masked.has(n - 1) ? sep + g : (flush(), (out += sep), g);
    else {
      flush();
      out += sep + g;
    }
  });
  flush();
  return out;
}

/** The Luhn (mod 10) check every payment card number passes. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Every digit but the last four becomes •, separators stay: "•••• •••• •••• 1111". */
function maskKeepingLastFour(run: string): string {
  let digitsLeft = run.replace(/\D/g, '').length;
  let out = '';
  for (const ch of run) {
    if (ch >= '0' && ch <= '9') {
      out += digitsLeft > 4 ? MASK : ch;
      digitsLeft--;
    } else out += ch;
  }
  return out;
}

/** Masks each Luhn-valid 13–19-digit card number in `text`, keeping its last four digits. */
export function maskCardNumbers(text: string): string {
  return text.replace(RUN, maskRun);
}

/** One admin pattern: a name, a regular expression (JavaScript syntax, no flags) and an example it must mask. */
export interface ExtraPattern {
  name: string;
  pattern: string;
  example: string;
}

export const PATTERN_MAX_LENGTH = 200;

/**
 * Why an admin pattern cannot be used, or null when it can: it must compile, must not match an
 * empty string (it would mask nothing and loop), and must mask its own example.
 */
export function patternProblem(p: ExtraPattern): 'invalidPattern' | 'matchesEmpty' | 'exampleNotMasked' | null {
  let re: RegExp;
  try {
    if (p.pattern.length === 0 || p.pattern.length > PATTERN_MAX_LENGTH) return 'invalidPattern';
    re = new RegExp(p.pattern, 'gu');
  } catch {
    return 'invalidPattern';
  }
  if (re.test('')) return 'matchesEmpty';
  if (maskExtraPatterns(p.example, [p]) === p.example) return 'exampleNotMasked';
  return null;
}

/** Each letter and digit of a match becomes •; separators stay. Unusable patterns are skipped. */
export function maskExtraPatterns(text: string, patterns: readonly ExtraPattern[]): string {
  let out = text;
  for (const p of patterns) {
    let re: RegExp;
    try {
      re = new RegExp(p.pattern, 'gu');
    } catch {
      continue;
    }
    if (re.test('')) continue;
    re.lastIndex = 0;
    out = out.replace(re, (m) => m.replace(/[\p{L}\p{N}]/gu, MASK));
  }
  return out;
}

export interface MaskOptions {
  maskCards: boolean;
  extraPatterns: readonly ExtraPattern[];
}

/** The text as it may be stored, broadcast and shown. */
export function maskSensitive(text: string, opts: MaskOptions): string {
  if (!text) return text;
  let out = opts.maskCards ? maskCardNumbers(text) : text;
  if (opts.extraPatterns.length) out = maskExtraPatterns(out, opts.extraPatterns);
  return out;
}
