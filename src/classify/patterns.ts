/**
 * Turns the keyword tables' small term syntax (see keywords.ts) into regexes, and matches many of them fast:
 * terms are bucketed by the character they can start with and tried only at word starts, with sticky regexes.
 * One big alternation tried at every position was 100 times slower.
 */
const LETTERS = 'a-z\\u0900-\\u097F';
const DEVANAGARI = /[\u0900-\u097F]/;
const WORD_CHAR = /[\u0900-\u097Fa-z0-9]/;
const GAP = '\u0001';

export function termSource(term: string): string {
  const t = term.normalize('NFC');
  const body = t
    .replace(/ \.\. /g, GAP)
    .replace(/\((?!\?)/g, '(?:')
    .replace(/([\u0900-\u097Fa-z])\*/g, `$1[${LETTERS}]*`)
    .replace(/ /g, '\\s+')
    .replace(new RegExp(GAP, 'g'), '(?:\\s+\\S+){0,3}\\s+');
  const letters = t.match(/[\u0900-\u097Fa-z0-9]/g) ?? [];
  const last = letters[letters.length - 1] ?? 'a';
  const end = DEVANAGARI.test(last) ? '(?![\\u0900-\\u097F])' : '(?![a-z0-9])';
  return body + end;
}

const ANY = '*';

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0x0900 && c <= 0x097f);
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    else if (s[i] === '|' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

function closingParen(t: string, open: number): number {
  let depth = 0;
  for (let i = open; i < t.length; i++) {
    if (t[i] === '(') depth++;
    else if (t[i] === ')' && --depth === 0) return i;
  }
  return t.length;
}

/**
 * The first `n` characters a term can start with, as a set of strings; a string shorter than `n` means only that much
 * is plain to see (a stem, a gap), and ANY that not even the first character is.
 */
export function prefixes(term: string, n = 2): Set<string> {
  const out = new Set<string>();
  const walk = (known: string, rest: string) => {
    if (out.size > 64) return;
    if (known.length === n || rest.length === 0) return void out.add(known || ANY);
    const ch = rest[0];
    if (rest.startsWith(' .. ')) return void out.add(known + ' ');
    if (ch === '(') {
      const close = closingParen(rest, 0);
      const after = rest.slice(close + 1);
      const quantifier = after[0] === '?' || after[0] === '*';
      for (const alt of splitTopLevel(rest.slice(1, close))) walk(known, alt + (quantifier ? after.slice(1) : after));
      if (quantifier) walk(known, after.slice(1));
      return;
    }
    if (!WORD_CHAR.test(ch) && ch !== ' ' && ch !== "'" && ch !== '-') return void out.add(known || ANY);
    const next = rest[1];
    if (next === '?') {
      walk(known + ch, rest.slice(2));
      walk(known, rest.slice(2));
    } else if (next === '*' || next === '+') out.add(known + ch);
    else walk(known + ch, rest.slice(1));
  };
  walk('', term.normalize('NFC'));
  return out.size > 64 ? new Set([ANY]) : out;
}

/**
 * The words a term stands for when it is one plain word with optional letters or alternatives ("rats?",
 * "wom(a|e)n"); null for stems, phrases and anything else that needs a regex.
 */
export function literalForms(term: string): string[] | null {
  const out: string[] = [];
  let plain = true;
  const walk = (known: string, rest: string) => {
    if (!plain || out.length > 16) return void (plain = false);
    if (rest.length === 0) return void out.push(known);
    const ch = rest[0];
    if (ch === '(') {
      const close = closingParen(rest, 0);
      const after = rest.slice(close + 1);
      const optional = after[0] === '?';
      if (after[0] === '*' || after[0] === '+') return void (plain = false);
      for (const alt of splitTopLevel(rest.slice(1, close))) walk(known, alt + (optional ? after.slice(1) : after));
      if (optional) walk(known, after.slice(1));
      return;
    }
    if (!WORD_CHAR.test(ch)) return void (plain = false);
    const next = rest[1];
    if (next === '*' || next === '+') return void (plain = false);
    if (next === '?') {
      walk(known + ch, rest.slice(2));
      walk(known, rest.slice(2));
    } else walk(known + ch, rest.slice(1));
  };
  walk('', term.normalize('NFC'));
  return plain && out.length > 0 && out.length <= 16 && out.every((w) => w.length > 0) ? out : null;
}

/** The characters a term can start with; ANY when that is not plain to see. */
export function firstChars(term: string): Set<string> {
  return new Set([...prefixes(term, 1)]);
}

export interface TermMatch {
  /** index of the list the term came from */
  list: number;
  index: number;
  text: string;
}

/**
 * Matches terms from several lists as whole words, left to right without overlap; at one position the earliest
 * list wins, as in an alternation.
 */
interface Bucket {
  re: RegExp;
  /** list index of each capturing group */
  lists: number[];
}

export class TermMatcher {
  /** plain one-word terms: the word to the earliest list that has it */
  private readonly words = new Map<string, number>();
  /** by the first two characters' codes (c1 * 65536 + c2), for terms whose first two characters are plain */
  private readonly pairs = new Map<number, Bucket>();
  /** by the first character's code, for terms where only that is plain */
  private readonly singles = new Map<number, Bucket>();
  private readonly anyBucket: Bucket | undefined;
  private readonly lists: readonly (readonly string[])[];

  constructor(lists: readonly (readonly string[])[]) {
    this.lists = lists;
    const byKey = new Map<string, string[][]>();
    lists.forEach((terms, list) => {
      for (const term of terms) {
        const forms = literalForms(term);
        if (forms) {
          for (const word of forms) if (!this.words.has(word)) this.words.set(word, list);
          continue;
        }
        for (const key of prefixes(term, 2)) {
          const groups = byKey.get(key) ?? lists.map(() => []);
          groups[list].push(termSource(term));
          byKey.set(key, groups);
        }
      }
    });
    const compile = (groups: string[][]): Bucket => {
      const used = groups.map((g, list) => ({ g, list })).filter(({ g }) => g.length > 0);
      return {
        re: new RegExp(used.map(({ g }) => `(${g.join('|')})`).join('|'), 'y'),
        lists: used.map(({ list }) => list),
      };
    };
    for (const [key, groups] of byKey) {
      if (key === ANY) continue;
      if (key.length === 2) this.pairs.set(key.charCodeAt(0) * 65536 + key.charCodeAt(1), compile(groups));
      else this.singles.set(key.charCodeAt(0), compile(groups));
    }
    const any = byKey.get(ANY);
    this.anyBucket = any ? compile(any) : undefined;
  }

  private at(text: string, i: number, wordEnd: number): TermMatch | null {
    const c = text.charCodeAt(i);
    const word = this.words.size ? text.slice(i, wordEnd) : '';
    const list = this.words.get(word);
    let best: TermMatch | null = list === undefined ? null : { list, index: i, text: word };
    best = this.tryAt(this.pairs.get(c * 65536 + text.charCodeAt(i + 1)), text, i, best);
    best = this.tryAt(this.singles.get(c), text, i, best);
    return this.anyBucket ? this.tryAt(this.anyBucket, text, i, best) : best;
  }

  private tryAt(bucket: Bucket | undefined, text: string, i: number, best: TermMatch | null): TermMatch | null {
    if (!bucket) return best;
    bucket.re.lastIndex = i;
    const m = bucket.re.exec(text);
    if (!m) return best;
    for (let g = 1; g < m.length; g++) {
      if (m[g] !== undefined) {
        const list = bucket.lists[g - 1];
        return !best || list < best.list ? { list, index: i, text: m[g] } : best;
      }
    }
    return best;
  }

  /** All matches in lowercase text. */
  matchAll(text: string): TermMatch[] {
    const out: TermMatch[] = [];
    let i = 0;
    while (i < text.length) {
      if (!isWordChar(text.charCodeAt(i))) {
        i++;
        continue;
      }
      let end = i + 1;
      while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
      const m = this.at(text, i, end);
      if (m) {
        out.push(m);
        // a phrase may end inside a word: carry on from the next word start after it
        i += Math.max(1, m.text.length);
        while (i < text.length && isWordChar(text.charCodeAt(i)) && isWordChar(text.charCodeAt(i - 1))) i++;
      } else i = end;
    }
    return out;
  }

  test(text: string): boolean {
    return this.matchAll(text).length > 0;
  }

  get size(): number {
    return this.lists.length;
  }
}
