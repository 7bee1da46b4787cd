/**
 * Tokens and hashed n-grams for the linear-2 model, built for speed: one pass over the characters (no regex per
 * text), and each distinct word's hashes (the word and its character 3-, 4- and 5-grams) computed once and cached.
 */
import { transliterate } from './transliterate';

/** Every number becomes this token, so PNRs, trains and phone numbers teach nothing. */
export const NUMBER = '0';

export function isLatin(c: number): boolean {
  return c >= 97 && c <= 122;
}
export function isDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0x0966 && c <= 0x096f);
}
/** Devanagari letters and signs, but not the danda (।, ॥) nor Devanagari digits. */
export function isDevanagari(c: number): boolean {
  return c >= 0x0900 && c <= 0x097f && c !== 0x0964 && c !== 0x0965 && !(c >= 0x0966 && c <= 0x096f);
}

/**
 * Lowercase word tokens of a text already through cleanText: runs of Latin letters or of Devanagari, numbers as "0".
 * A letter repeated more than twice counts twice ("plzzzz" → "plzz", "helppp" → "helpp"), so shouting and
 * stretching do not make new words.
 */
export function tokensOfCleaned(cleaned: string): string[] {
  const text = cleaned.toLowerCase();
  const tokens: string[] = [];
  let start = -1;
  let kind = 0; // 1 latin, 2 devanagari, 3 digits
  let stretched = false;
  const flush = (end: number) => {
    if (start < 0) return;
    if (kind === 3) tokens.push(NUMBER);
    else {
      let token = text.slice(start, end);
      if (stretched) token = token.replace(/(.)\1\1+/g, '$1$1');
      tokens.push(token);
    }
    start = -1;
    stretched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = isLatin(c) ? 1 : isDevanagari(c) ? 2 : isDigit(c) ? 3 : 0;
    if (k !== kind || k === 0) {
      flush(i);
      kind = k;
      if (k !== 0) start = i;
      continue;
    }
    if (k !== 3 && i - start >= 2 && c === text.charCodeAt(i - 1) && c === text.charCodeAt(i - 2)) stretched = true;
  }
  flush(text.length);
  return tokens;
}

/** FNV-1a over a string from a seed, so feature kinds do not share hashes. */
export function fnv(seed: number, s: string): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Mixes two 32-bit hashes into one (for word bigrams, without building the string). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const WORD_SEED = 2166136261;
const CHAR_SEED = 0x27d4eb2f;
export const RULE_SEED = 0x165667b1;

/** Character n-gram sizes; the word is padded as `<word>` so its start and end are features too. */
export const CHAR_SIZES = [3, 4, 5] as const;

export interface TokenHashes {
  /** the word's own hash */
  word: number;
  /** its character n-grams' hashes */
  chars: Uint32Array;
}

const codes = new Int32Array(66);

function charGrams(token: string): Uint32Array {
  if (token === NUMBER || token.length < 2) return new Uint32Array(0);
  const n = Math.min(token.length, codes.length - 2) + 2;
  codes[0] = 60; // '<'
  for (let i = 1; i < n - 1; i++) codes[i] = token.charCodeAt(i - 1);
  codes[n - 1] = 62; // '>'
  let count = 0;
  for (const size of CHAR_SIZES) if (n >= size) count += n - size + 1;
  const out = new Uint32Array(count);
  let k = 0;
  for (const size of CHAR_SIZES) {
    for (let i = 0; i + size <= n; i++) {
      let h = CHAR_SEED ^ size;
      for (let j = i; j < i + size; j++) {
        h ^= codes[j];
        h = Math.imul(h, 16777619);
      }
      out[k++] = h >>> 0;
    }
  }
  return out;
}

const CACHE_LIMIT = 200_000;
const cache = new Map<string, TokenHashes>();
const latinCache = new Map<string, TokenHashes>();

/**
 * A Devanagari word heard in Latin letters too: the word is its Latin spelling (so bigrams cross scripts as well),
 * and its character n-grams are those of both spellings.
 */
function latinHashes(token: string): TokenHashes {
  const latin = transliterate(token);
  const own = charGrams(token);
  const heard = charGrams(latin);
  const chars = new Uint32Array(own.length + heard.length);
  chars.set(own);
  chars.set(heard, own.length);
  return { word: fnv(WORD_SEED, latin), chars };
}

/** A word's hashes, from the cache when it was seen before; `latin` for models that hear Devanagari in Latin letters. */
export function hashesOf(token: string, latin = false): TokenHashes {
  const heard = latin && isDevanagari(token.charCodeAt(0));
  const store = heard ? latinCache : cache;
  let entry = store.get(token);
  if (!entry) {
    if (store.size >= CACHE_LIMIT) store.clear();
    entry = heard ? latinHashes(token) : { word: fnv(WORD_SEED, token), chars: charGrams(token) };
    store.set(token, entry);
  }
  return entry;
}

/** The hash of the bigram (previous word, word). */
export function bigramHash(previous: TokenHashes, current: TokenHashes): number {
  return mix(previous.word, current.word);
}
