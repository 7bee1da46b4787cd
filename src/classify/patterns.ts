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

/** The characters a term can start with; ANY when that is not plain to see. */
export function firstChars(term: string): Set<string> {
  const t = term.normalize('NFC');
  if (t.length === 0) return new Set([ANY]);
  if (t[0] === '(') {
    let depth = 0;
    let close = 0;
    for (; close < t.length; close++) {
      if (t[close] === '(') depth++;
      else if (t[close] === ')' && --depth === 0) break;
    }
    const rest = t.slice(close + 1);
    const optional = rest[0] === '?' || rest[0] === '*';
    const out = new Set<string>();
    for (const alt of splitTopLevel(t.slice(1, close))) for (const c of firstChars(alt + rest)) out.add(c);
    if (optional) for (const c of firstChars(rest.slice(1))) out.add(c);
    return out;
  }
  if (!WORD_CHAR.test(t[0])) return new Set([ANY]);
  if (t[1] === '?' || t[1] === '*') return new Set([t[0], ...firstChars(t.slice(2))]);
  return new Set([t[0]]);
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
  /** by the first character's code; Latin and Devanagari only */
  private readonly buckets: (Bucket | undefined)[] = [];
  private readonly anyBucket: Bucket | undefined;
  private readonly lists: readonly (readonly string[])[];

  constructor(lists: readonly (readonly string[])[]) {
    this.lists = lists;
    const byChar = new Map<string, string[][]>();
    lists.forEach((terms, list) => {
      for (const term of terms) {
        for (const c of firstChars(term)) {
          const groups = byChar.get(c) ?? lists.map(() => []);
          groups[list].push(termSource(term));
          byChar.set(c, groups);
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
    for (const [c, groups] of byChar) if (c !== ANY) this.buckets[c.charCodeAt(0)] = compile(groups);
    const any = byChar.get(ANY);
    this.anyBucket = any ? compile(any) : undefined;
  }

  private at(text: string, i: number): TermMatch | null {
    const best = this.tryAt(this.buckets[text.charCodeAt(i)], text, i, null);
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
      if (isWordChar(text.charCodeAt(i)) && (i === 0 || !isWordChar(text.charCodeAt(i - 1)))) {
        const m = this.at(text, i);
        if (m) {
          out.push(m);
          i += Math.max(1, m.text.length);
          continue;
        }
      }
      i++;
    }
    return out;
  }

  test(text: string): boolean {
    let i = 0;
    while (i < text.length) {
      if (isWordChar(text.charCodeAt(i)) && (i === 0 || !isWordChar(text.charCodeAt(i - 1))) && this.at(text, i)) {
        return true;
      }
      i++;
    }
    return false;
  }

  get size(): number {
    return this.lists.length;
  }
}
