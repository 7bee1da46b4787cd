import { transliterate } from '../classify/transliterate';
import { REFERENCE_PATTERN } from '../events/reference';

/**
 * Complaint search. Each row keeps a search document: its words turned into plain ASCII keys that SQLite's FTS5 and
 * MariaDB/MySQL's term table (store/search-terms.ts) alike see as one word each, whatever the script, so the two
 * engines answer the same:
 * - a Latin or digit word `ac` is the key `wwac` (a prefixed key is never a full-text engine's short word or stopword);
 * - any other word (Devanagari, accented Latin) is `x` and its code points in base 36, four digits each (FTS5
 *   would split a Devanagari word at its vowel signs);
 * - after the words, each Devanagari word once more in its Latin spelling ("खराब" is also `wwkharab`), so that a
 *   Hinglish search finds Hindi posts and the other way round.
 * The search box's text goes through the same tokenizer: quotes make a phrase, and operators typed into it (+ - * ~
 * OR NEAR) are only words, never query syntax.
 */

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const ASCII_WORD = /^[a-z0-9]+$/;
const DEVANAGARI = /[\u0900-\u097f]/;
/** a key stays under 84 characters (the term table's column) */
const MAX_WORD_CODE_POINTS = 20;
const MAX_TERMS = 8;

const keyOf = (word: string): string => {
  if (ASCII_WORD.test(word)) return 'ww' + word.slice(0, 80);
  let key = 'x';
  for (const ch of [...word].slice(0, MAX_WORD_CODE_POINTS)) key += (ch.codePointAt(0) ?? 0).toString(36).padStart(4, '0');
  return key;
};

const wordsOf = (text: string): string[] => text.normalize('NFC').toLowerCase().match(WORD) ?? [];

const latinSpelling = (word: string): string | null => {
  if (!DEVANAGARI.test(word)) return null;
  const latin = transliterate(word).toLowerCase();
  return ASCII_WORD.test(latin) ? latin : null;
};

/** Hindi's common words are few: transliterating each once serves most documents. */
const INDEXED_KEYS_CACHED = 50_000;
const indexedKeys = new Map<string, string>();

/**
 * The key a document's key is indexed under in MySQL's term table: a Devanagari word's Latin spelling, which its
 * document always holds beside it, so the term table keeps one entry where the document has two. A key cut at
 * MAX_WORD_CODE_POINTS may stand for several words and keeps its own entry.
 */
export const indexedKey = (key: string): string => {
  if (!key.startsWith('x')) return key;
  const cached = indexedKeys.get(key);
  if (cached !== undefined) return cached;
  const codePoints = (key.length - 1) / 4;
  let indexed = key;
  if (Number.isInteger(codePoints) && codePoints < MAX_WORD_CODE_POINTS) {
    let word = '';
    for (let i = 1; i < key.length; i += 4) word += String.fromCodePoint(parseInt(key.slice(i, i + 4), 36));
    const spelled = latinSpelling(word);
    if (spelled) indexed = keyOf(spelled);
  }
  if (indexedKeys.size >= INDEXED_KEYS_CACHED) indexedKeys.clear();
  indexedKeys.set(key, indexed);
  return indexed;
};

/** The search document of a complaint text: what the full-text index holds for it. */
export const searchDocument = (text: string): string => {
  const words = wordsOf(text);
  const keys = words.map(keyOf);
  const latin = new Set<string>();
  for (const word of words) {
    const spelled = latinSpelling(word);
    if (spelled) latin.add(keyOf(spelled));
  }
  return [...keys, ...latin].join(' ');
};

/** One thing the search must match: a word (any of its keys) or a phrase (keys in order). */
export type SearchTerm = { kind: 'word'; keys: string[] } | { kind: 'phrase'; keys: string[] };

export type SearchQuery =
  | { kind: 'none' }
  | { kind: 'pnr'; pnr: number }
  | { kind: 'reference'; reference: string }
  | { kind: 'id'; id: string }
  | { kind: 'train'; train: string }
  | { kind: 'username'; username: string }
  | { kind: 'words'; terms: SearchTerm[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LEGACY_ROW_ID = /^row-\d{1,12}$/;

const wordTerm = (word: string): SearchTerm => {
  const keys = [keyOf(word)];
  const spelled = latinSpelling(word);
  if (spelled) keys.push(keyOf(spelled));
  return { kind: 'word', keys };
};

/**
 * What the search box asks for: an exact lookup by PNR (10 digits), reference, complaint id, train number (5 digits)
 * or @username, each answered through its index; otherwise every word (and "quoted phrase") must appear.
 */
export const parseSearch = (raw: string): SearchQuery => {
  const q = raw.trim();
  if (q === '') return { kind: 'none' };
  if (/^\d{10}$/.test(q)) return { kind: 'pnr', pnr: Number(q) };
  if (REFERENCE_PATTERN.test(q.toUpperCase())) return { kind: 'reference', reference: q.toUpperCase() };
  if (UUID.test(q) || LEGACY_ROW_ID.test(q)) return { kind: 'id', id: q.toLowerCase() };
  if (/^\d{5}$/.test(q)) return { kind: 'train', train: q };
  if (/^@[A-Za-z0-9_]{1,100}$/.test(q)) return { kind: 'username', username: q.slice(1) };

  const terms: SearchTerm[] = [];
  const seen = new Set<string>();
  const add = (term: SearchTerm) => {
    const id = `${term.kind}:${term.keys.join(' ')}`;
    if (seen.has(id) || terms.length >= MAX_TERMS) return;
    seen.add(id);
    terms.push(term);
  };
  // "quoted parts" are phrases; an unmatched quote is just a character
  const parts = q.split('"');
  parts.forEach((part, i) => {
    const quoted = i % 2 === 1 && i < parts.length - 1;
    const words = wordsOf(part);
    if (quoted && words.length > 1) add({ kind: 'phrase', keys: words.map(keyOf) });
    else for (const word of words) add(wordTerm(word));
  });
  return terms.length === 0 ? { kind: 'none' } : { kind: 'words', terms };
};

/** The FTS5 MATCH expression: every term, each a key (or a choice of keys) or a quoted phrase. Keys need no escaping. */
export const fts5Match = (terms: SearchTerm[]): string =>
  terms
    .map((term) =>
      term.kind === 'phrase' ? `"${term.keys.join(' ')}"` : term.keys.length === 1 ? term.keys[0] : `(${term.keys.join(' OR ')})`,
    )
    .join(' AND ');
