import { cleanText, detectLanguage } from './clean';
import { contextHashes, DANGER, MAX_CONTEXT, wordInfo } from './context';
import { extract } from './extract';
import { bigramHash, fnv, hashesOf, mix, RULE_SEED, tokensOfCleaned, type TokenHashes } from './hashing';
import { lexiconHashes } from './lexicon';
import { fromSparse, toSparse, type SparseJson } from './linear';
import { priorityOf, scoreText, topCategory } from './rules';
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
    const h = hashesOf(token);
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
  slots: Map<string, number>;
  pool: Float32Array;
  counts: Int32Array;
  hashOf: Uint32Array;
  /** the word's lexicon flags, danger category and topic bits (context.ts) */
  flags: Int32Array;
  dangerCategory: Int32Array;
  topics: Int32Array;
  stride: number;
}

const CACHE_SLOTS = 1 << 15;
const wordCaches = new WeakMap<NgramModel, WordCache>();

function cacheOf(model: NgramModel): WordCache {
  let cache = wordCaches.get(model);
  if (!cache) {
    const stride = 2 + 2 * model.categories.length;
    cache = {
      slots: new Map(),
      pool: new Float32Array(CACHE_SLOTS * stride),
      counts: new Int32Array(CACHE_SLOTS * 2),
      hashOf: new Uint32Array(CACHE_SLOTS),
      flags: new Int32Array(CACHE_SLOTS),
      dangerCategory: new Int32Array(CACHE_SLOTS),
      topics: new Int32Array(CACHE_SLOTS),
      stride,
    };
    wordCaches.set(model, cache);
  }
  return cache;
}

function slotOf(model: NgramModel, cache: WordCache, token: string): number {
  const found = cache.slots.get(token);
  if (found !== undefined) return found;
  const slot = cache.slots.size;
  cache.slots.set(token, slot);
  const hashes = hashesOf(token);
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
  if (model.lexicon) {
    for (const l of lexiconHashes(token)) {
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
  return slot;
}

/** Forgets the cached word sums, for a model whose weights were changed. */
export function resetWordCache(model: NgramModel): void {
  wordCaches.delete(model);
}

const contextOut = new Uint32Array(MAX_CONTEXT);

export interface NgramScores {
  /** calibrated probability of Emergency */
  emergency: number;
  /** category logits */
  categories: Float64Array;
  tokens: string[];
  /** each token's slot in the model's word cache */
  slots: Int32Array;
  dangerWords: string[];
  /** what each n-gram counted for in this text, per head */
  eNorm: number;
  cNorm: number;
}

export function scoreText2(model: NgramModel, cleaned: string): NgramScores {
  const cache = cacheOf(model);
  const tokens = tokensOfCleaned(cleaned);
  const n = model.categories.length;
  const eMask = (1 << model.emergencyBits) - 1;
  const cMask = (1 << model.categoryBits) - 1;
  const ew = model.emergencyWeights;
  const cw = model.categoryWeights;
  const categoryBigrams = model.categoryBigrams;
  const z = new Float64Array(n);
  const zWords = new Float64Array(n);
  const slots = new Int32Array(tokens.length);
  // a full cache starts again before the text, never in the middle of it
  if (cache.slots.size + tokens.length > CACHE_SLOTS) cache.slots.clear();
  for (let t = 0; t < tokens.length; t++) slots[t] = slotOf(model, cache, tokens[t]);
  const { pool, counts, hashOf, stride } = cache;
  let e = 0;
  let eLex = 0;
  let eCount = 0;
  let cCount = 0;
  let previous = -1;
  for (let t = 0; t < tokens.length; t++) {
    const slot = slots[t];
    const o = slot * stride;
    e += pool[o];
    eLex += pool[o + 1];
    for (let k = 0; k < n; k++) {
      zWords[k] += pool[o + 2 + k];
      z[k] += pool[o + 2 + n + k];
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
    const count = contextHashes(tokens.length, slots, cache.flags, cache.dangerCategory, cache.topics, contextOut);
    for (let i = 0; i < count; i++) {
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
  return { emergency: calibrated(model, score), categories: z, tokens, slots, dangerWords, eNorm, cNorm };
}

const URGENT: ReadonlySet<Category> = new Set(['security', 'medical', 'women_safety', 'child', 'safety_incident']);

/** Confidence in the decision taken: 0.5 at the threshold, 1 at the far end. */
export function confidenceOf(p: number, threshold: number): number {
  const c = p >= threshold ? 0.5 + (0.5 * (p - threshold)) / (1 - threshold) : 0.5 + (0.5 * (threshold - p)) / threshold;
  return Math.round(c * 1000) / 1000;
}

// Function words are never shown as the words that drove a decision.
const STOP = new Set(
  `a an the is are was were be been am i me my we us our you your he him his she her it its they them their this that
  these those and or but if of in on at to from for with by as so not no do does did has have had will would can could
  please pls plz sir ji hai hain ho tha thi the ka ki ke ko se me mein main mera meri mere hum aap ye yeh wo woh
  aur bhi to raha rahi rahe ek koi kya ne par pe है हैं था थी के का की को से में मैं मेरा मेरी मेरे हम आप यह वह और
  भी तो रहा रही रहे एक कोई क्या ने पर हो गए गया गई`.split(/\s+/),
);

/** The words whose features pushed hardest towards the decision (at most five). */
function topWords(model: NgramModel, s: NgramScores, weightOf: (pool: Float32Array, o: number) => number, first: string[] = []): string[] {
  const out = [...first];
  const { pool, stride } = cacheOf(model);
  const scored: { token: string; score: number }[] = [];
  for (let t = 0; t < s.tokens.length; t++) {
    const token = s.tokens[t];
    if (token.length < 2 || STOP.has(token)) continue;
    const score = weightOf(pool, s.slots[t] * stride);
    if (score > 0) scored.push({ token, score });
  }
  scored.sort((a, b) => b.score - a.score);
  for (const { token } of scored) {
    if (out.length >= 5) break;
    if (!out.includes(token)) out.push(token);
  }
  return out.slice(0, 5);
}

/**
 * The words an emergency's keywords start with: the rule view's danger words, or with context features the
 * lexicon's danger words of the post (the context features' weight comes from them, not from any one word's n-grams).
 */
function leadingWords(model: NgramModel, s: NgramScores): string[] {
  if (!model.context) return s.dangerWords.slice(0, 3);
  const { flags } = cacheOf(model);
  const out: string[] = [];
  for (let t = 0; t < s.tokens.length && out.length < 3; t++) {
    if (flags[s.slots[t]] & DANGER && !out.includes(s.tokens[t])) out.push(s.tokens[t]);
  }
  return out;
}

export function classifyWithNgram(model: NgramModel, text: string): Classification {
  const cleaned = cleanText(text);
  const s = scoreText2(model, cleaned);
  const emergency: 0 | 1 = s.emergency >= model.threshold ? 1 : 0;
  const z = s.categories;
  // An emergency belongs to a safety category; feedback takes the most likely category of all.
  let best = -1;
  for (let k = 0; k < z.length; k++) {
    if (emergency && !URGENT.has(model.categories[k])) continue;
    if (best < 0 || z[k] > z[best]) best = k;
  }
  const category = model.categories[best];
  const keywords = emergency
    ? topWords(model, s, (pool, o) => s.eNorm * pool[o] + pool[o + 1], leadingWords(model, s))
    : topWords(model, s, (pool, o) => s.cNorm * pool[o + 2 + best] + pool[o + 2 + z.length + best]);
  const { pnr, train, coach, berth } = extract(text);
  return {
    pnr,
    train,
    coach,
    berth,
    emergency,
    category,
    priority: priorityOf(emergency, category),
    confidence: confidenceOf(s.emergency, model.threshold),
    modelVersion: model.version,
    keywords,
    language: detectLanguage(cleaned),
  };
}

// ---- the model file

export interface NgramModelJson {
  format: typeof NGRAM_FORMAT;
  version: string;
  emergencyBits: number;
  categoryBits: number;
  categories: Category[];
  threshold: number;
  calibration: { a: number; b: number };
  rules: boolean;
  ruleValue: number;
  categoryChars: boolean;
  lexicon?: boolean;
  categoryBigrams?: boolean;
  context?: boolean;
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
    calibration: model.calibration,
    rules: model.rules,
    ruleValue: model.ruleValue,
    categoryChars: model.categoryChars,
    lexicon: model.lexicon,
    categoryBigrams: model.categoryBigrams,
    context: model.context,
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
  model.calibration = { ...json.calibration };
  model.emergencyBias = json.emergencyBias;
  model.categoryBias = Float32Array.from(json.categoryBias);
  model.categoryWeights = new Float32Array((1 << json.categoryBits) * json.categories.length);
  fromSparse(json.emergency, model.emergencyWeights);
  fromSparse(json.category, model.categoryWeights);
  return model;
}
