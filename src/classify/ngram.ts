import { categoryIndexOf, classificationOf, confidenceOf } from './classification';
import { cleanText, languageOfLower, nfcOfLastCleaned } from './clean';
import { contextHashes, DANGER, MAX_CONTEXT, wordInfo } from './context';
import { bigramHash, fnv, hashesOf, isDevanagari, isDigit, isLatin, mix, NUMBER, RULE_SEED, tokensOfCleaned, type TokenHashes } from './hashing';
import { lexiconHashes } from './lexicon';
import { fromSparse, toSparse, type SparseJson } from './linear';
import { scoreText, topCategory } from './rules';
import { CATEGORIES, type Category, type Classification } from './types';

/**
 * linear-2: two linear models over hashed features of a post: a logistic regression for Emergency over word
 * unigrams and bigrams and the character 3-5-grams of every word, calibrated by Platt scaling on cross-validated
 * scores, and a separate softmax regression for the category over unigrams and character n-grams. Both also see the
 * rule tables' one-word terms (lexicon.ts). The full rule view (rules.ts, phrases, negation, past news) can be
 * switched on as features too; it was better on the held-out split by a little and twice as slow.
 */
export interface NgramModel {
  version: string;
  emergencyBits: number;
  categoryBits: number;
  categories: Category[];
  /** Emergency when the calibrated probability reaches this; chosen for recall by cross-validation */
  threshold: number;
  /** review (a person should look) when not an emergency and the calibrated probability reaches this; none: never */
  reviewThreshold?: number;
  /** calibrated probability = sigmoid(a * score + b) */
  calibration: { a: number; b: number };
  /** whether the rule view is part of the features, and what one rule feature counts for */
  rules: boolean;
  ruleValue: number;
  /** whether the category head also sees the character n-grams (else words only) */
  categoryChars: boolean;
  /** whether the rule tables' one-word terms are word features (lexicon.ts), counting ruleValue each */
  lexicon: boolean;
  /** whether the category head sees word bigrams (Emergency always does) */
  categoryBigrams: boolean;
  /** whether the post's context features (context.ts: danger words, negation, past news, topic, length) are used */
  context: boolean;
  /** whether a Devanagari word is also heard in its Latin spelling (transliterate.ts), as Hinglish writes it */
  latin: boolean;
  emergencyBias: number;
  emergencyWeights: Float32Array;
  categoryBias: Float32Array;
  /** feature-major: weight of feature f for category c at f * categories.length + c */
  categoryWeights: Float32Array;
}

export const NGRAM_FORMAT = 'railsewa-linear-2';

export interface NgramShape {
  emergencyBits?: number;
  categoryBits?: number;
  rules?: boolean;
  ruleValue?: number;
  categoryChars?: boolean;
  lexicon?: boolean;
  categoryBigrams?: boolean;
  context?: boolean;
  latin?: boolean;
}

export function emptyNgramModel(version: string, shape: NgramShape = {}): NgramModel {
  const emergencyBits = shape.emergencyBits ?? 18;
  const categoryBits = shape.categoryBits ?? 16;
  return {
    version,
    emergencyBits,
    categoryBits,
    categories: [...CATEGORIES],
    threshold: 0.5,
    calibration: { a: 1, b: 0 },
    rules: shape.rules ?? false,
    ruleValue: shape.ruleValue ?? 0.5,
    categoryChars: shape.categoryChars ?? true,
    lexicon: shape.lexicon ?? true,
    categoryBigrams: shape.categoryBigrams ?? false,
    context: shape.context ?? false,
    latin: shape.latin ?? false,
    emergencyBias: 0,
    emergencyWeights: new Float32Array(1 << emergencyBits),
    categoryBias: new Float32Array(CATEGORIES.length),
    categoryWeights: new Float32Array((1 << categoryBits) * CATEGORIES.length),
  };
}

// ---- the rule view as features

const DANGER_BINS = [0, 0.25, 0.5, 1, 2];

export interface RuleView {
  /** hashes of the rule features that fired */
  hashes: number[];
  /** the danger words the rules found, for the dashboard */
  dangerWords: string[];
}

export function ruleView(cleaned: string): RuleView {
  const rules = scoreText(cleaned);
  let bin = 0;
  while (bin + 1 < DANGER_BINS.length && rules.danger >= DANGER_BINS[bin + 1]) bin++;
  const names = [`danger:${bin}`, `top:${topCategory(rules.topics)}`];
  if (rules.dangerCategory) names.push(`dcat:${rules.dangerCategory}`);
  for (const [category, score] of rules.topics) if (score >= 1) names.push(`topic:${category}`);
  return { hashes: names.map((n) => ruleHash(n)), dangerWords: rules.dangerWords };
}

const ruleHashes = new Map<string, number>();
function ruleHash(name: string): number {
  let h = ruleHashes.get(name);
  if (h === undefined) ruleHashes.set(name, (h = fnv(RULE_SEED, name)));
  return h;
}

// ---- features of one text, as the trainer needs them (ids already masked)

export interface NgramExample {
  /** emergency features: words, bigrams, character n-grams (repeats count again) */
  e: Int32Array;
  /** category features: words, bigrams and (if the model says so) character n-grams */
  c: Int32Array;
  /** rule features in both spaces */
  eRules: Int32Array;
  cRules: Int32Array;
}

export function exampleOf(model: NgramModel, text: string): NgramExample {
  const cleaned = cleanText(text);
  const tokens = tokensOfCleaned(cleaned);
  const eMask = (1 << model.emergencyBits) - 1;
  const cMask = (1 << model.categoryBits) - 1;
  const e: number[] = [];
  const c: number[] = [];
  const rules = model.rules ? ruleView(cleaned).hashes : [];
  let previous: TokenHashes | null = null;
  for (const token of tokens) {
    const h = hashesOf(token, model.latin);
    e.push(h.word & eMask);
    c.push(h.word & cMask);
    for (const g of h.chars) {
      e.push(g & eMask);
      if (model.categoryChars) c.push(g & cMask);
    }
    if (previous) {
      const b = bigramHash(previous, h);
      e.push(b & eMask);
      if (model.categoryBigrams) c.push(b & cMask);
    }
    if (model.lexicon) for (const l of lexiconHashes(token)) rules.push(l);
    previous = h;
  }
  if (model.context) {
    const flags = new Int32Array(tokens.length);
    const categories = new Int32Array(tokens.length);
    const topics = new Int32Array(tokens.length);
    tokens.forEach((token, t) => {
      const info = wordInfo(token);
      flags[t] = info.flags;
      categories[t] = info.dangerCategory;
      topics[t] = info.topics;
    });
    const out = new Uint32Array(MAX_CONTEXT);
    const n = contextHashes(tokens.length, null, flags, categories, topics, out);
    for (let i = 0; i < n; i++) rules.push(out[i]);
  }
  return {
    e: Int32Array.from(e),
    c: Int32Array.from(c),
    eRules: Int32Array.from(rules, (h) => h & eMask),
    cRules: Int32Array.from(rules, (h) => h & cMask),
  };
}

export const norm = (n: number) => (n ? 1 / Math.sqrt(n) : 0);

/** The raw Emergency score (logit) and category logits of an example. */
export function scoreExample(model: NgramModel, x: NgramExample, categories = true): { e: number; z: Float64Array } {
  const n = model.categories.length;
  const ve = norm(x.e.length);
  let e = 0;
  for (let i = 0; i < x.e.length; i++) e += model.emergencyWeights[x.e[i]];
  e = model.emergencyBias + ve * e;
  for (let i = 0; i < x.eRules.length; i++) e += model.ruleValue * model.emergencyWeights[x.eRules[i]];
  const z = new Float64Array(n);
  if (categories) {
    const vc = norm(x.c.length);
    for (let k = 0; k < n; k++) z[k] = model.categoryBias[k];
    for (let i = 0; i < x.c.length; i++) {
      const base = x.c[i] * n;
      for (let k = 0; k < n; k++) z[k] += vc * model.categoryWeights[base + k];
    }
    for (let i = 0; i < x.cRules.length; i++) {
      const base = x.cRules[i] * n;
      for (let k = 0; k < n; k++) z[k] += model.ruleValue * model.categoryWeights[base + k];
    }
  }
  return { e, z };
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function calibrated(model: NgramModel, score: number): number {
  return sigmoid(model.calibration.a * score + model.calibration.b);
}

// ---- fast classification: each word's summed weights are cached per model, in one flat pool

/**
 * Per model: word → slot. Slot i holds, at pool[i * stride ..], the sum of the word's Emergency n-gram weights, its
 * lexicon features' Emergency weight, then its category sums (n values) and its lexicon category weights (n values);
 * counts[2i], counts[2i+1] are how many n-gram features it brings to each head, hashOf[i] the word's hash.
 * One flat array keeps a word's numbers together in memory: scoring a post is then a few cache lines per word.
 */
interface WordCache {
  /** how many slots are taken */
  size: number;
  /** open addressing from a word's two 32-bit hashes to its slot + 1 (0: empty); no string is built to look it up */
  keyA: Uint32Array;
  keyB: Uint32Array;
  slotAt: Int32Array;
  /** the word of each slot */
  words: string[];
  pool: Float32Array;
  counts: Int32Array;
  hashOf: Uint32Array;
  /** the word's lexicon flags, danger category and topic bits (context.ts) */
  flags: Int32Array;
  dangerCategory: Int32Array;
  topics: Int32Array;
  /** 1 when the slot's word can be one of a decision's keywords: two letters or more, not a function word */
  shown: Uint8Array;
  /** 1 when the word has lexicon features: only then are its lexicon sums (all zero otherwise) added */
  lexical: Uint8Array;
  /** the text (by number) in which topWords last looked at the slot's word */
  lookedAt: Int32Array;
  looks: number;
  stride: number;
}

const CACHE_SLOTS = 1 << 15;
const TABLE_SIZE = CACHE_SLOTS * 2;
const wordCaches = new WeakMap<NgramModel, WordCache>();

function cacheOf(model: NgramModel): WordCache {
  let cache = wordCaches.get(model);
  if (!cache) {
    const stride = 2 + 2 * model.categories.length;
    cache = {
      size: 0,
      keyA: new Uint32Array(TABLE_SIZE),
      keyB: new Uint32Array(TABLE_SIZE),
      slotAt: new Int32Array(TABLE_SIZE),
      words: new Array<string>(CACHE_SLOTS).fill(''),
      pool: new Float32Array(CACHE_SLOTS * stride),
      counts: new Int32Array(CACHE_SLOTS * 2),
      hashOf: new Uint32Array(CACHE_SLOTS),
      flags: new Int32Array(CACHE_SLOTS),
      dangerCategory: new Int32Array(CACHE_SLOTS),
      topics: new Int32Array(CACHE_SLOTS),
      shown: new Uint8Array(CACHE_SLOTS),
      lexical: new Uint8Array(CACHE_SLOTS),
      lookedAt: new Int32Array(CACHE_SLOTS),
      looks: 0,
      stride,
    };
    wordCaches.set(model, cache);
  }
  return cache;
}

/** Fills a new slot with a word's summed weights and flags. */
function newSlot(model: NgramModel, cache: WordCache, token: string): number {
  const slot = cache.size++;
  cache.words[slot] = token;
  const hashes = hashesOf(token, model.latin);
  const eMask = (1 << model.emergencyBits) - 1;
  const cMask = (1 << model.categoryBits) - 1;
  const n = model.categories.length;
  const { pool, stride } = cache;
  const o = slot * stride;
  pool.fill(0, o, o + stride);
  let e = model.emergencyWeights[hashes.word & eMask];
  let base = (hashes.word & cMask) * n;
  for (let k = 0; k < n; k++) pool[o + 2 + k] = model.categoryWeights[base + k];
  for (const g of hashes.chars) {
    e += model.emergencyWeights[g & eMask];
    if (model.categoryChars) {
      base = (g & cMask) * n;
      for (let k = 0; k < n; k++) pool[o + 2 + k] += model.categoryWeights[base + k];
    }
  }
  pool[o] = e;
  cache.lexical[slot] = 0;
  if (model.lexicon) {
    for (const l of lexiconHashes(token)) {
      cache.lexical[slot] = 1;
      pool[o + 1] += model.ruleValue * model.emergencyWeights[l & eMask];
      base = (l & cMask) * n;
      for (let k = 0; k < n; k++) pool[o + 2 + n + k] += model.ruleValue * model.categoryWeights[base + k];
    }
  }
  cache.counts[2 * slot] = 1 + hashes.chars.length;
  cache.counts[2 * slot + 1] = 1 + (model.categoryChars ? hashes.chars.length : 0);
  cache.hashOf[slot] = hashes.word;
  const info = wordInfo(token);
  cache.flags[slot] = info.flags;
  cache.dangerCategory[slot] = info.dangerCategory;
  cache.topics[slot] = info.topics;
  cache.shown[slot] = token.length >= 2 && !STOP.has(token) ? 1 : 0;
  cache.lookedAt[slot] = 0;
  return slot;
}

/** Forgets the cached word sums, for a model whose weights were changed. */
export function resetWordCache(model: NgramModel): void {
  wordCaches.delete(model);
}

const contextOut = new Uint32Array(MAX_CONTEXT);
const NUMBER_CODE = NUMBER.charCodeAt(0);
const STRETCH = /(.)\1\1+/g;
let slotScratch = new Int32Array(256);
const zScratch = new Float64Array(64);
const zWordsScratch = new Float64Array(64);


/** The slot of the word text[start, end) whose hashes are a and b; a word seen for the first time gets one. */
function slotAt(model: NgramModel, cache: WordCache, text: string, start: number, end: number, kind: number, stretched: boolean, a: number, b: number): number {
  const mask = TABLE_SIZE - 1;
  let i = b & mask;
  for (;;) {
    const found = cache.slotAt[i];
    if (found === 0) break;
    if (cache.keyA[i] === a && cache.keyB[i] === b) return found - 1;
    i = (i + 1) & mask;
  }
  let token = kind === 3 ? NUMBER : text.slice(start, end);
  if (stretched) token = token.replace(STRETCH, '$1$1');
  const slot = newSlot(model, cache, token);
  cache.keyA[i] = a;
  cache.keyB[i] = b;
  cache.slotAt[i] = slot + 1;
  return slot;
}

/**
 * The word cache's slot of every word of a cleaned text, in order, into slotScratch; returns how many words. The
 * words are those of tokensOfCleaned (hashing.ts), found in one pass over the characters with two rolling hashes
 * (a stretched letter counts twice, a number is "0"), so a word seen before costs no string and no Map lookup.
 * `text` is the cleaned text lowercased.
 */
function textSlots(model: NgramModel, cache: WordCache, text: string): number {
  const length = text.length;
  if (slotScratch.length < length) slotScratch = new Int32Array(2 * length);
  // a full cache starts again before the text, never in the middle of it (a text has at most `length` words)
  if (cache.size + length > CACHE_SLOTS) {
    cache.size = 0;
    cache.slotAt.fill(0);
  }
  let count = 0;
  let kind = 0;
  let start = -1;
  let a = 0;
  let b = 0;
  let last = -1;
  let beforeLast = -1;
  let stretched = false;
  for (let i = 0; i <= length; i++) {
    const c = i < length ? text.charCodeAt(i) : 0;
    const k = isLatin(c) ? 1 : isDevanagari(c) ? 2 : isDigit(c) ? 3 : 0;
    if (k !== kind || k === 0) {
      if (start >= 0) slotScratch[count++] = slotAt(model, cache, text, start, i, kind, stretched, a >>> 0, b >>> 0);
      kind = k;
      start = -1;
      if (k === 0) continue;
      start = i;
      a = 2166136261;
      b = 0x9747b28c;
      last = -1;
      beforeLast = -1;
      stretched = false;
      if (k === 3) {
        a = Math.imul(a ^ NUMBER_CODE, 16777619);
        b = Math.imul(b ^ NUMBER_CODE, 0x5bd1e995);
        b ^= b >>> 15;
        continue;
      }
    } else if (k === 3) continue;
    if (c === last && c === beforeLast) {
      stretched = true;
      continue;
    }
    beforeLast = last;
    last = c;
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return count;
}

export interface NgramScores {
  /** calibrated probability of Emergency */
  emergency: number;
  /** category logits */
  categories: Float64Array;
  /** how many words the text has */
  count: number;
  /** each word's slot in the model's word cache (a scratch array: valid until the next text is scored) */
  slots: Int32Array;
  dangerWords: string[];
  /** what each n-gram counted for in this text, per head */
  eNorm: number;
  cNorm: number;
}

/** The scores of a cleaned text; `lower` is cleaned.toLowerCase(), when the caller has it already. */
export function scoreText2(model: NgramModel, cleaned: string, lower = cleaned.toLowerCase()): NgramScores {
  const cache = cacheOf(model);
  const n = model.categories.length;
  const eMask = (1 << model.emergencyBits) - 1;
  const cMask = (1 << model.categoryBits) - 1;
  const ew = model.emergencyWeights;
  const cw = model.categoryWeights;
  const categoryBigrams = model.categoryBigrams;
  const z = n <= zScratch.length ? zScratch.fill(0, 0, n) : new Float64Array(n);
  const zWords = n <= zWordsScratch.length ? zWordsScratch.fill(0, 0, n) : new Float64Array(n);
  const count = textSlots(model, cache, lower);
  const slots = slotScratch;
  const { pool, counts, hashOf, lexical, stride } = cache;
  let e = 0;
  let eLex = 0;
  let eCount = 0;
  let cCount = 0;
  let previous = -1;
  for (let t = 0; t < count; t++) {
    const slot = slots[t];
    const o = slot * stride;
    e += pool[o];
    for (let k = 0; k < n; k++) zWords[k] += pool[o + 2 + k];
    if (lexical[slot]) {
      eLex += pool[o + 1];
      for (let k = 0; k < n; k++) z[k] += pool[o + 2 + n + k];
    }
    eCount += counts[2 * slot];
    cCount += counts[2 * slot + 1];
    if (previous >= 0) {
      const b = mix(hashOf[previous], hashOf[slot]);
      e += ew[b & eMask];
      eCount++;
      if (categoryBigrams) {
        const base = (b & cMask) * n;
        for (let k = 0; k < n; k++) zWords[k] += cw[base + k];
        cCount++;
      }
    }
    previous = slot;
  }
  const eNorm = norm(eCount);
  let score = model.emergencyBias + eNorm * e + eLex;
  const cNorm = norm(cCount);
  for (let k = 0; k < n; k++) z[k] += model.categoryBias[k] + cNorm * zWords[k];
  if (model.context) {
    const features = contextHashes(count, slots, cache.flags, cache.dangerCategory, cache.topics, contextOut);
    for (let i = 0; i < features; i++) {
      const h = contextOut[i];
      score += model.ruleValue * ew[h & eMask];
      const base = (h & cMask) * n;
      for (let k = 0; k < n; k++) z[k] += model.ruleValue * cw[base + k];
    }
  }
  let dangerWords: string[] = [];
  if (model.rules) {
    // the rule view's danger words lead the keywords of an emergency
    const view = ruleView(cleaned);
    dangerWords = view.dangerWords;
    for (const h of view.hashes) {
      score += model.ruleValue * ew[h & eMask];
      const base = (h & cMask) * n;
      for (let k = 0; k < n; k++) z[k] += model.ruleValue * cw[base + k];
    }
  }
  return { emergency: calibrated(model, score), categories: z, count, slots, dangerWords, eNorm, cNorm };
}



// Function words are never shown as the words that drove a decision.
const STOP = new Set(
  `a an the is are was were be been am i me my we us our you your he him his she her it its they them their this that
  these those and or but if of in on at to from for with by as so not no do does did has have had will would can could
  please pls plz sir ji hai hain ho tha thi the ka ki ke ko se me mein main mera meri mere hum aap ye yeh wo woh
  aur bhi to raha rahi rahe ek koi kya ne par pe है हैं था थी के का की को से में मैं मेरा मेरी मेरे हम आप यह वह और
  भी तो रहा रही रहे एक कोई क्या ने पर हो गए गया गई`.split(/\s+/),
);

const bestSlots = new Int32Array(5);
const bestScores = new Float64Array(5);

/** The words whose features pushed hardest towards the decision (at most five). */
function topWords(model: NgramModel, s: NgramScores, weightOf: (pool: Float32Array, o: number) => number, first: string[] = []): string[] {
  const out = first.slice(0, 5);
  const room = 5 - out.length;
  if (room <= 0) return out;
  const cache = cacheOf(model);
  const { pool, stride, words, shown, lookedAt } = cache;
  // A word's slot is the same wherever it is in the text, and so is its weight: a word looked at once (kept, dropped
  // or pushed out by better ones since) is never taken later. The best `room` by weight, the earlier word first on a
  // tie, in small arrays: no objects, no sort.
  if (cache.looks === 0x7fffffff) {
    cache.looks = 0;
    lookedAt.fill(0);
  }
  const look = ++cache.looks;
  let size = 0;
  for (let t = 0; t < s.count; t++) {
    const slot = s.slots[t];
    if (!shown[slot] || lookedAt[slot] === look) continue;
    lookedAt[slot] = look;
    if (out.length > 0 && out.includes(words[slot])) continue;
    const score = weightOf(pool, slot * stride);
    if (score <= 0 || (size === room && score <= bestScores[room - 1])) continue;
    let at = size < room ? size++ : room - 1;
    while (at > 0 && bestScores[at - 1] < score) {
      bestScores[at] = bestScores[at - 1];
      bestSlots[at] = bestSlots[at - 1];
      at--;
    }
    bestScores[at] = score;
    bestSlots[at] = slot;
  }
  for (let i = 0; i < size; i++) out.push(words[bestSlots[i]]);
  return out;
}

/**
 * The words an emergency's keywords start with: the rule view's danger words, or with context features the
 * lexicon's danger words of the post (the context features' weight comes from them, not from any one word's n-grams).
 */
function leadingWords(model: NgramModel, s: NgramScores): string[] {
  if (!model.context) return s.dangerWords.slice(0, 3);
  const { flags, words } = cacheOf(model);
  const out: string[] = [];
  for (let t = 0; t < s.count && out.length < 3; t++) {
    const word = words[s.slots[t]];
    if (flags[s.slots[t]] & DANGER && !out.includes(word)) out.push(word);
  }
  return out;
}

export function classifyWithNgram(model: NgramModel, text: string): Classification {
  return classifyWithNgramAs(model, text, model.version, model.threshold, model.reviewThreshold);
}

/**
 * classifyWithNgram with the decision read from `rescore(p, text)` (p: the model's calibrated probability) against
 * another version's thresholds: linear-16's cascade (cascade.ts). The category, priority and keywords stay the model's.
 */
export function classifyWithNgramAs(
  model: NgramModel,
  text: string,
  version: string,
  threshold: number,
  reviewThreshold: number | undefined,
  rescore?: (p: number, text: string) => number,
): Classification {
  const cleaned = cleanText(text);
  const nfcText = nfcOfLastCleaned(); // what the extractors read
  const lower = cleaned.toLowerCase();
  const s = scoreText2(model, cleaned, lower);
  const p = rescore ? rescore(s.emergency, text) : s.emergency;
  const emergency: 0 | 1 = p >= threshold ? 1 : 0;
  const z = s.categories;
  // An emergency belongs to a safety category; feedback takes the most likely category of all.
  const best = categoryIndexOf(model.categories, z, emergency);
  const category = model.categories[best];
  const keywords = emergency
    ? topWords(model, s, (pool, o) => s.eNorm * pool[o] + pool[o + 1], leadingWords(model, s))
    : topWords(model, s, (pool, o) => s.cNorm * pool[o + 2 + best] + pool[o + 2 + model.categories.length + best]);
  const confidence = confidenceOf(p, threshold);
  const review = reviewThreshold !== undefined && p >= reviewThreshold;
  return classificationOf(nfcText, emergency, category, confidence, version, keywords, languageOfLower(lower), review);
}

// ---- the model file

export interface NgramModelJson {
  format: typeof NGRAM_FORMAT;
  version: string;
  emergencyBits: number;
  categoryBits: number;
  categories: Category[];
  threshold: number;
  reviewThreshold?: number;
  calibration: { a: number; b: number };
  rules: boolean;
  ruleValue: number;
  categoryChars: boolean;
  lexicon?: boolean;
  categoryBigrams?: boolean;
  context?: boolean;
  latin?: boolean;
  emergencyBias: number;
  categoryBias: number[];
  emergency: SparseJson;
  category: SparseJson;
  about?: Record<string, unknown>;
}

/** Weights smaller than `minimum` are left out of the file and the rest quantised to 16 bits. */
export function ngramToJson(model: NgramModel, about?: Record<string, unknown>, minimum = 0.02): NgramModelJson {
  return {
    format: NGRAM_FORMAT,
    version: model.version,
    emergencyBits: model.emergencyBits,
    categoryBits: model.categoryBits,
    categories: model.categories,
    threshold: model.threshold,
    reviewThreshold: model.reviewThreshold,
    calibration: model.calibration,
    rules: model.rules,
    ruleValue: model.ruleValue,
    categoryChars: model.categoryChars,
    lexicon: model.lexicon,
    categoryBigrams: model.categoryBigrams,
    context: model.context,
    latin: model.latin,
    emergencyBias: model.emergencyBias,
    categoryBias: [...model.categoryBias],
    emergency: toSparse(model.emergencyWeights, minimum),
    category: toSparse(model.categoryWeights, minimum),
    about,
  };
}

export function ngramFromJson(json: NgramModelJson): NgramModel {
  if (json.format !== NGRAM_FORMAT) throw new Error(`unknown model format ${String(json.format)}`);
  const model = emptyNgramModel(json.version, json);
  model.categories = json.categories;
  model.threshold = json.threshold;
  if (json.reviewThreshold !== undefined) model.reviewThreshold = json.reviewThreshold;
  model.calibration = { ...json.calibration };
  model.emergencyBias = json.emergencyBias;
  model.categoryBias = Float32Array.from(json.categoryBias);
  model.categoryWeights = new Float32Array((1 << json.categoryBits) * json.categories.length);
  fromSparse(json.emergency, model.emergencyWeights);
  fromSparse(json.category, model.categoryWeights);
  return model;
}
