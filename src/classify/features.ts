import { cleanText } from './clean';
import { scoreText, topCategory } from './rules';
import { CATEGORIES } from './types';

/** Hash space of the linear model: 2^18 buckets keeps collisions rare for a few hundred thousand n-grams. */
export const HASH_BITS = 18;
const MASK = (1 << HASH_BITS) - 1;

const TOKEN = /[\u0900-\u097Fa-z]+|[0-9]+/g;

/** Lowercase word tokens of the cleaned text; every number becomes "0" so PNRs and trains teach nothing. */
export function tokenize(text: string): string[] {
  return tokensOf(cleanText(text));
}

function tokensOf(cleaned: string): string[] {
  const tokens = cleaned.toLowerCase().match(TOKEN) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const c = tokens[i].charCodeAt(0);
    if (c >= 48 && c <= 57) tokens[i] = '0';
  }
  return tokens;
}

/** FNV-1a over part of a string, starting from a seed so feature kinds do not collide. */
function fnv(seed: number, s: string, start: number, end: number): number {
  let h = seed;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

const WORD = 2166136261;
const BIGRAM = 0x9e3779b9;
const CHARS = 0x85ebca6b;
const RULE = 0xc2b2ae35;

export interface Features {
  /** hashed word unigrams and bigrams; a repeated one appears again and counts again */
  wordIds: number[];
  /** hashed character 3-grams of the words */
  charIds: number[];
  /** ids of the rule classifier's view; they count in full, not shared out like the n-grams */
  ruleIds: number[];
  tokens: string[];
  /** token t owns wordIds[wordStart[t]..wordStart[t+1]) (its word and the bigram ending at it) */
  wordStart: number[];
  /** and charIds[charStart[t]..charStart[t+1]) */
  charStart: number[];
  /** the danger words the rule view found; the model's rule features stand for them */
  ruleDangerWords: string[];
}

const codes = new Int32Array(256);

/** Character 3-grams of `<token>`, hashed straight from the char codes: no padded string is built. */
function pushCharGrams(token: string, ids: number[]): void {
  const length = Math.min(token.length, codes.length - 2) + 2;
  codes[0] = 60; // '<'
  for (let i = 1; i < length - 1; i++) codes[i] = token.charCodeAt(i - 1);
  codes[length - 1] = 62; // '>'
  for (let i = 0; i + 3 <= length; i++) {
    let h = CHARS;
    for (let k = i; k < i + 3; k++) {
      h ^= codes[k];
      h = Math.imul(h, 16777619);
    }
    ids.push((h >>> 0) & MASK);
  }
}

const DANGER_BINS = [0, 0.25, 0.5, 1, 2];
const ruleIds: Record<string, number> = {};
function ruleId(name: string): number {
  return (ruleIds[name] ??= fnv(RULE, name, 0, name.length) & MASK);
}
for (const c of CATEGORIES) {
  ruleId(`dcat:${c}`);
  ruleId(`topic:${c}`);
  ruleId(`top:${c}`);
}

/**
 * Word unigrams and bigrams, character 3-grams of each word (catch slips, Hindi inflections and spelling
 * variants), and the rule classifier's view (danger level, its category, the topics it saw) as extra features.
 * Emergency uses all of them; the category uses words and rules only, three times less work per text.
 * (4-grams as well were measured: no better on the held-out split, and slower.)
 */
export function extractFeatures(text: string): Features {
  return featuresOfCleaned(cleanText(text));
}

/** The same, for text already through cleanText. */
export function featuresOfCleaned(cleaned: string): Features {
  const tokens = tokensOf(cleaned);
  const wordIds: number[] = [];
  const charIds: number[] = [];
  const wordStart: number[] = [];
  const charStart: number[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    wordStart.push(wordIds.length);
    charStart.push(charIds.length);
    wordIds.push(fnv(WORD, token, 0, token.length) & MASK);
    if (token.length > 1) pushCharGrams(token, charIds);
    if (t > 0) {
      // the bigram hash continues from the previous word's, so no string is built
      const h = fnv(fnv(BIGRAM, tokens[t - 1], 0, tokens[t - 1].length) ^ 32, token, 0, token.length);
      wordIds.push(h & MASK);
    }
  }
  wordStart.push(wordIds.length);
  charStart.push(charIds.length);
  const rules = scoreText(cleaned);
  let bin = 0;
  while (bin + 1 < DANGER_BINS.length && rules.danger >= DANGER_BINS[bin + 1]) bin++;
  const fromRules = [ruleId(`danger:${bin}`)];
  if (rules.dangerCategory) fromRules.push(ruleId(`dcat:${rules.dangerCategory}`));
  for (const [category, score] of rules.topics) if (score >= 1) fromRules.push(ruleId(`topic:${category}`));
  fromRules.push(ruleId(`top:${topCategory(rules.topics)}`));
  return { wordIds, charIds, ruleIds: fromRules, tokens, wordStart, charStart, ruleDangerWords: rules.dangerWords };
}
