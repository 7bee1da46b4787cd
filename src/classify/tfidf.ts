import { classificationOf, confidenceOf, URGENT } from './classification';
import { cleanText, languageOfLower, nfcOfLastCleaned } from './clean';
import { fnv, isDevanagari, mix, NUMBER, tokensOfCleaned } from './hashing';
import { fromSparse, toSparse, type SparseJson } from './linear';
import { transliterate } from './transliterate';
import { CATEGORIES, type Category, type Classification } from './types';

/**
 * linear-11 (models/README.md, "linear-11"): TF-IDF over hashed word 1-2-grams and the character 2-5-grams of each
 * word, sublinear counts, each post scaled to unit length; a logistic regression reads it for Emergency and a softmax
 * regression for the category. idf is part of the model: it comes from the posts the model was trained on.
 */
export interface TfidfModel {
  version: string;
  /** features hash into 2^bits buckets (idf and Emergency weights) */
  bits: number;
  /** the category head reads a feature's bucket masked to 2^categoryBits */
  categoryBits: number;
  categories: Category[];
  threshold: number;
  reviewThreshold?: number;
  calibration: { a: number; b: number };
  /** idf of each bucket; 0: no training post held it, and it counts nothing */
  idf: Float32Array;
  emergencyBias: number;
  emergencyWeights: Float32Array;
  categoryBias: Float32Array;
  /** feature-major: weight of bucket f for category c at f * categories.length + c */
  categoryWeights: Float32Array;
}

export const TFIDF_FORMAT = 'railsewa-tfidf-1';

export function emptyTfidf(version: string, bits = 22, categoryBits = 18): TfidfModel {
  return {
    version,
    bits,
    categoryBits,
    categories: [...CATEGORIES],
    threshold: 0.5,
    calibration: { a: 1, b: 0 },
    idf: new Float32Array(1 << bits),
    emergencyBias: 0,
    emergencyWeights: new Float32Array(1 << bits),
    categoryBias: new Float32Array(CATEGORIES.length),
    categoryWeights: new Float32Array((1 << categoryBits) * CATEGORIES.length),
  };
}

// ---- features

const WORD_SEED = 0x3c6ef372;
const CHAR_SEED = 0x510e527f;
const BIGRAM_SEED = 0x9b05688c;
export const CHAR_GRAM_SIZES = [2, 3, 4, 5] as const;

/** Hashes of the character 2-5-grams of `<token>`, appended to `out`. */
function charGrams(token: string, out: number[]): void {
  const padded = `<${token}>`;
  for (const size of CHAR_GRAM_SIZES) {
    for (let i = 0; i + size <= padded.length; i++) {
      let h = CHAR_SEED ^ size;
      for (let j = i; j < i + size; j++) h = Math.imul(h ^ padded.charCodeAt(j), 16777619);
      out.push(h >>> 0);
    }
  }
}

interface WordHashes {
  /** the word's own hash (a Devanagari word: its Latin spelling's), for the word and its bigrams */
  word: number;
  /** the word and its character n-grams (repeats count again) */
  terms: Uint32Array;
}

const CACHE_LIMIT = 200_000;
const wordCache = new Map<string, WordHashes>();

/** A word's hashes: the word (a Devanagari word as its Latin spelling) and the character n-grams of every spelling. */
export function wordHashes(token: string): WordHashes {
  let entry = wordCache.get(token);
  if (entry) return entry;
  const heard = isDevanagari(token.charCodeAt(0)) ? transliterate(token) : token;
  const word = fnv(WORD_SEED, heard);
  const terms = [word];
  if (token !== NUMBER) {
    charGrams(token, terms);
    if (heard !== token) charGrams(heard, terms);
  }
  entry = { word, terms: Uint32Array.from(terms) };
  if (wordCache.size >= CACHE_LIMIT) wordCache.clear();
  wordCache.set(token, entry);
  return entry;
}

/** Every term hash of a text, repeats included: its words, their character n-grams and its word bigrams. */
export function termsOf(text: string): number[] {
  const out: number[] = [];
  let previous = -1;
  for (const token of tokensOfCleaned(cleanText(text))) {
    const h = wordHashes(token);
    for (let i = 0; i < h.terms.length; i++) out.push(h.terms[i]);
    if (previous >= 0) out.push(mix(previous ^ BIGRAM_SEED, h.word));
    previous = h.word;
  }
  return out;
}

export interface TermCounts {
  /** distinct buckets, in order of first appearance */
  buckets: Int32Array;
  counts: Float32Array;
}

/** The distinct buckets of a text's terms and how often each occurs. */
export function termCounts(text: string, bits: number): TermCounts {
  const mask = (1 << bits) - 1;
  const at = new Map<number, number>();
  const buckets: number[] = [];
  const counts: number[] = [];
  for (const h of termsOf(text)) {
    const b = h & mask;
    const k = at.get(b);
    if (k === undefined) {
      at.set(b, buckets.length);
      buckets.push(b);
      counts.push(1);
    } else counts[k]++;
  }
  return { buckets: Int32Array.from(buckets), counts: Float32Array.from(counts) };
}

/** Sublinear term frequency: 1 + ln(count). */
export const sublinear = (count: number) => 1 + Math.log(count);

/** idf as scikit-learn smooths it: ln((1 + n) / (1 + df)) + 1. */
export const idfOf = (posts: number, df: number) => Math.log((1 + posts) / (1 + df)) + 1;

export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

/** A text's TF-IDF vector: (1 + ln count) x idf per bucket the training posts held, scaled to unit length. */
export function tfidfVector(counts: TermCounts, idf: Float32Array): SparseVector {
  const index: number[] = [];
  const value: number[] = [];
  let sum = 0;
  for (let i = 0; i < counts.buckets.length; i++) {
    const w = idf[counts.buckets[i]];
    if (w === 0) continue;
    const v = sublinear(counts.counts[i]) * w;
    index.push(counts.buckets[i]);
    value.push(v);
    sum += v * v;
  }
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  return { index: Int32Array.from(index), value: Float32Array.from(value, (v) => v * scale) };
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The raw Emergency score (logit) of a vector, and its category logits into `z` when given. */
export function scoreVector(model: TfidfModel, x: SparseVector, z?: Float64Array): number {
  let e = model.emergencyBias;
  for (let i = 0; i < x.index.length; i++) e += x.value[i] * model.emergencyWeights[x.index[i]];
  if (z) {
    const n = model.categories.length;
    const cMask = (1 << model.categoryBits) - 1;
    for (let k = 0; k < n; k++) z[k] = model.categoryBias[k];
    for (let i = 0; i < x.index.length; i++) {
      const base = (x.index[i] & cMask) * n;
      const v = x.value[i];
      for (let k = 0; k < n; k++) z[k] += v * model.categoryWeights[base + k];
    }
  }
  return e;
}

// ---- fast classification: the text's buckets gathered in a small table that stays in cache

const SUBLINEAR = Float64Array.from({ length: 256 }, (_, c) => (c > 0 ? sublinear(c) : 0));
let tableSize = 1 << 12;
let slotKey = new Int32Array(tableSize).fill(-1);
let slotCount = new Int32Array(tableSize);
let used = new Int32Array(tableSize);

function growTable(terms: number): void {
  while (tableSize < 2 * terms) tableSize *= 2;
  slotKey = new Int32Array(tableSize).fill(-1);
  slotCount = new Int32Array(tableSize);
  used = new Int32Array(tableSize);
}

const zScratch = new Float64Array(CATEGORIES.length);

/** The raw Emergency score of a cleaned text and its category logits (into zScratch); the words, for the keywords. */
function scoreCleaned(model: TfidfModel, cleaned: string): { e: number; z: Float64Array; tokens: string[] } {
  const tokens = tokensOfCleaned(cleaned);
  const mask = (1 << model.bits) - 1;
  const hashes: WordHashes[] = tokens.map(wordHashes);
  let terms = tokens.length;
  for (const h of hashes) terms += h.terms.length;
  if (2 * terms > tableSize) growTable(terms);
  const tableMask = tableSize - 1;
  let distinct = 0;
  const add = (b: number) => {
    let i = Math.imul(b, 0x9e3779b1) >>> 0;
    i &= tableMask;
    for (;;) {
      const key = slotKey[i];
      if (key === b) {
        slotCount[i]++;
        return;
      }
      if (key === -1) {
        slotKey[i] = b;
        slotCount[i] = 1;
        used[distinct++] = i;
        return;
      }
      i = (i + 1) & tableMask;
    }
  };
  let previous = -1;
  for (const h of hashes) {
    const t = h.terms;
    for (let i = 0; i < t.length; i++) add(t[i] & mask);
    if (previous >= 0) add(mix(previous ^ BIGRAM_SEED, h.word) & mask);
    previous = h.word;
  }
  const { idf, emergencyWeights: ew, categoryWeights: cw } = model;
  const n = model.categories.length;
  const cMask = (1 << model.categoryBits) - 1;
  const z = n <= zScratch.length ? zScratch.fill(0) : new Float64Array(n);
  let e = 0;
  let sum = 0;
  for (let j = 0; j < distinct; j++) {
    const i = used[j];
    const b = slotKey[i];
    const c = slotCount[i];
    slotKey[i] = -1;
    const w = idf[b];
    if (w === 0) continue;
    const v = (c < 256 ? SUBLINEAR[c] : sublinear(c)) * w;
    sum += v * v;
    e += v * ew[b];
    const base = (b & cMask) * n;
    for (let k = 0; k < n; k++) z[k] += v * cw[base + k];
  }
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  for (let k = 0; k < n; k++) z[k] = model.categoryBias[k] + scale * z[k];
  return { e: model.emergencyBias + scale * e, z, tokens };
}

/** The raw Emergency score (logit) and category logits of a text, by the fast path classification takes. */
export function scoreTfidfText(model: TfidfModel, text: string): { e: number; z: Float64Array } {
  const s = scoreCleaned(model, cleanText(text));
  return { e: s.e, z: Float64Array.from(s.z) };
}

// Function words are never shown as the words that drove a decision.
const STOP = new Set(
  `a an the is are was were be been am i me my we us our you your he him his she her it its they them their this that
  these those and or but if of in on at to from for with by as so not no do does did has have had will would can could
  please pls plz sir ji hai hain ho tha thi ka ki ke ko se mein main mera meri mere hum aap ye yeh wo woh aur bhi to
  raha rahi rahe ek koi kya ne par pe है हैं था थी के का की को से में मैं मेरा मेरी मेरे हम आप यह वह और भी तो रहा रही रहे एक
  कोई क्या ने पर हो गए गया गई`.split(/\s+/),
);

/** The (at most five) words whose own features weigh most towards `weightOf`, the earlier on a tie. */
function topWords(model: TfidfModel, tokens: readonly string[], weightOf: (bucket: number) => number): string[] {
  const mask = (1 << model.bits) - 1;
  const scored: [string, number][] = [];
  for (const token of new Set(tokens)) {
    if (token.length < 2 || token === NUMBER || STOP.has(token)) continue;
    const terms = wordHashes(token).terms;
    let s = 0;
    for (let i = 0; i < terms.length; i++) {
      const b = terms[i] & mask;
      s += model.idf[b] * weightOf(b);
    }
    if (s > 0) scored.push([token, s]);
  }
  return scored
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([t]) => t);
}

export function classifyWithTfidf(model: TfidfModel, text: string): Classification {
  const cleaned = cleanText(text);
  const nfcText = nfcOfLastCleaned();
  const lower = cleaned.toLowerCase();
  const s = scoreCleaned(model, cleaned);
  const p = sigmoid(model.calibration.a * s.e + model.calibration.b);
  const emergency: 0 | 1 = p >= model.threshold ? 1 : 0;
  const n = model.categories.length;
  let best = -1;
  for (let k = 0; k < n; k++) {
    if (emergency && !URGENT.has(model.categories[k])) continue;
    if (best < 0 || s.z[k] > s.z[best]) best = k;
  }
  const cMask = (1 << model.categoryBits) - 1;
  const keywords = emergency
    ? topWords(model, s.tokens, (b) => model.emergencyWeights[b])
    : topWords(model, s.tokens, (b) => model.categoryWeights[(b & cMask) * n + best]);
  const review = model.reviewThreshold !== undefined && p >= model.reviewThreshold;
  return classificationOf(nfcText, emergency, model.categories[best], confidenceOf(p, model.threshold), model.version, keywords, languageOfLower(lower), review);
}

// ---- the model file

/**
 * `railsewa-tfidf-1`: the options above; `idf`, `emergency` and `category` as sparse weight lists (linear.ts's
 * SparseJson: gap-coded bucket indices and 16-bit values times `scale`). idf keeps every bucket a training post held;
 * weights smaller than the minimum are left out.
 */
export interface TfidfModelJson {
  format: typeof TFIDF_FORMAT;
  version: string;
  bits: number;
  categoryBits: number;
  categories: Category[];
  threshold: number;
  reviewThreshold?: number;
  calibration: { a: number; b: number };
  idf: SparseJson;
  emergencyBias: number;
  categoryBias: number[];
  emergency: SparseJson;
  category: SparseJson;
  about?: Record<string, unknown>;
}

export function tfidfToJson(model: TfidfModel, about?: Record<string, unknown>, minimum = 0.001): TfidfModelJson {
  return {
    format: TFIDF_FORMAT,
    version: model.version,
    bits: model.bits,
    categoryBits: model.categoryBits,
    categories: model.categories,
    threshold: model.threshold,
    reviewThreshold: model.reviewThreshold,
    calibration: model.calibration,
    idf: toSparse(model.idf, 0),
    emergencyBias: model.emergencyBias,
    categoryBias: [...model.categoryBias],
    emergency: toSparse(model.emergencyWeights, minimum),
    category: toSparse(model.categoryWeights, minimum),
    about,
  };
}

export function tfidfFromJson(json: TfidfModelJson): TfidfModel {
  if (json.format !== TFIDF_FORMAT) throw new Error(`unknown model format ${String(json.format)}`);
  const model = emptyTfidf(json.version, json.bits, json.categoryBits);
  model.categories = json.categories;
  model.categoryWeights = new Float32Array((1 << json.categoryBits) * json.categories.length);
  model.threshold = json.threshold;
  if (json.reviewThreshold !== undefined) model.reviewThreshold = json.reviewThreshold;
  model.calibration = { ...json.calibration };
  model.emergencyBias = json.emergencyBias;
  model.categoryBias = Float32Array.from(json.categoryBias);
  fromSparse(json.idf, model.idf);
  fromSparse(json.emergency, model.emergencyWeights);
  fromSparse(json.category, model.categoryWeights);
  return model;
}
