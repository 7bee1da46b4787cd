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
  /** hashed n-gram ids, unique */
  ids: number[];
  /** ids of the rule classifier's view; they count in full, not shared out like the n-grams */
  ruleIds: number[];
  /** for each token, the ids that belong to it (unigram and its char n-grams), to explain a decision */
  tokenIds: number[][];
  tokens: string[];
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
 * Word unigrams and bigrams, character 3- and 4-grams of each word (catch slips, Hindi inflections and spelling
 * variants), and the rule classifier's view (danger level, its category, the topics it saw) as extra features.
 */
export function extractFeatures(text: string): Features {
  const cleaned = cleanText(text);
  const tokens = tokensOf(cleaned);
  const seen = new Set<number>();
  const ids: number[] = [];
  const add = (id: number) => {
    if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  };
  const tokenIds: number[][] = [];
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    const own: number[] = [];
    const word = fnv(WORD, token, 0, token.length) & MASK;
    own.push(word);
    if (token.length > 1) {
      const padded = `<${token}>`;
      for (let n = 3; n <= 4; n++) {
        for (let i = 0; i + n <= padded.length; i++) own.push(fnv(CHARS + n, padded, i, i + n) & MASK);
      }
    }
    for (const id of own) add(id);
    tokenIds.push(own);
    if (t > 0) {
      const pair = `${tokens[t - 1]} ${token}`;
      const id = fnv(BIGRAM, pair, 0, pair.length) & MASK;
      add(id);
      own.push(id);
      tokenIds[t - 1].push(id);
    }
  }
  const rules = scoreText(cleaned);
  let bin = 0;
  while (bin + 1 < DANGER_BINS.length && rules.danger >= DANGER_BINS[bin + 1]) bin++;
  const fromRules = [ruleId(`danger:${bin}`)];
  if (rules.dangerCategory) fromRules.push(ruleId(`dcat:${rules.dangerCategory}`));
  for (const [category, score] of rules.topics) if (score >= 1) fromRules.push(ruleId(`topic:${category}`));
  fromRules.push(ruleId(`top:${topCategory(rules.topics)}`));
  return { ids, ruleIds: fromRules, tokenIds, tokens };
}
