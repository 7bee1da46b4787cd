import { categoryIndexOf, classificationOf, confidenceOf } from './classification';
import { cleanText, isSpace, languageOfLower, nfcOfLastCleaned } from './clean';
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
  /** which terms a text gives (see Analyzer) */
  analyzer: Analyzer;
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

/**
 * `cleaned` (linear-11): the cleaned words (cleanText, tokensOfCleaned), their character 2-5-grams and word bigrams,
 * one block. `raw-2` (linear-12): scikit-learn's analysers on the raw lowercase text, two blocks each scaled to unit
 * length: words of two characters or more and their bigrams (block 0), `char_wb` 2-5-grams (block 1).
 */
export type Analyzer = 'cleaned' | 'raw-2';

export function emptyTfidf(version: string, bits = 22, categoryBits = 18, analyzer: Analyzer = 'cleaned'): TfidfModel {
  return {
    version,
    bits,
    categoryBits,
    analyzer,
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
/** seeds a word bigram's hash: mix(previous word ^ BIGRAM_SEED, word) */
export const BIGRAM_SEED = 0x9b05688c;
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

/** Every term hash of a cleaned text, repeats included: its words, their character n-grams and its word bigrams (all block 0). */
function cleanedTerms(cleaned: string, out: TermSink): void {
  let previous = -1;
  for (const token of tokensOfCleaned(cleaned)) {
    const h = wordHashes(token);
    for (let i = 0; i < h.terms.length; i++) out.push(h.terms[i], 0);
    if (previous >= 0) out.push(mix(previous ^ BIGRAM_SEED, h.word), 0);
    previous = h.word;
  }
}

const RAW_WORD_SEED = 0x1f83d9ab;
const WB_SEED = 0x5be0cd19;
const WORD_RUN = /[\p{L}\p{M}\p{N}_]+/gu;
const DEVANAGARI_RUN = /[\u0900-\u0963\u0970-\u097f]+/g;

/** scikit-learn's char_wb n-grams (2 to 5) of one white-space-free piece, appended to `out`. */
function charWbGrams(piece: string, out: number[]): void {
  const w = ` ${piece} `;
  for (let n = 2; n <= 5; n++) {
    let offset = 0;
    for (;;) {
      let h = WB_SEED ^ n;
      const end = Math.min(offset + n, w.length);
      for (let j = offset; j < end; j++) h = Math.imul(h ^ w.charCodeAt(j), 16777619);
      out.push(h >>> 0);
      if (offset + n >= w.length) break;
      offset++;
    }
    if (offset === 0) break; // a piece shorter than n counts once, whole
  }
}

export interface PieceHashes {
  /** the piece's char_wb n-grams (a piece with Devanagari: of its Latin spelling too) */
  chars: Uint32Array;
  /** its words of two characters or more, in order (a Devanagari word as its Latin spelling) */
  words: Uint32Array;
}

const pieceCache = new Map<string, PieceHashes>();

/** The hashes of one white-space-free piece of the raw lowercase text, from the cache when it was seen before. */
export function pieceHashes(piece: string): PieceHashes {
  let entry = pieceCache.get(piece);
  if (entry) return entry;
  entry = hashPiece(piece);
  if (pieceCache.size >= CACHE_LIMIT) pieceCache.clear();
  pieceCache.set(piece, entry);
  return entry;
}

/** The hashes of one white-space-free piece of the raw lowercase text (pieceHashes without the cache). */
export function hashPiece(piece: string): PieceHashes {
  const chars: number[] = [];
  charWbGrams(piece, chars);
  const latin = piece.replace(DEVANAGARI_RUN, (run) => transliterate(run));
  if (latin !== piece) charWbGrams(latin, chars);
  const words: number[] = [];
  for (const match of piece.matchAll(WORD_RUN)) {
    const word = match[0];
    if (word.length < 2) continue;
    words.push(fnv(RAW_WORD_SEED, isDevanagari(word.charCodeAt(0)) ? word.replace(DEVANAGARI_RUN, (run) => transliterate(run)) : word));
  }
  return { chars: Uint32Array.from(chars), words: Uint32Array.from(words) };
}

/** The terms of the raw text (NFC) by scikit-learn's analysers: words and bigrams in block 0, char_wb in block 1. */
function rawTerms(nfcText: string, out: TermSink): void {
  const text = nfcText.toLowerCase();
  let previous = -1;
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !isSpace(text.charCodeAt(i))) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    const h = pieceHashes(text.slice(start, i));
    start = -1;
    for (let k = 0; k < h.chars.length; k++) out.push(h.chars[k], 1);
    for (let k = 0; k < h.words.length; k++) {
      out.push(h.words[k], 0);
      if (previous >= 0) out.push(mix(previous ^ BIGRAM_SEED, h.words[k]), 0);
      previous = h.words[k];
    }
  }
}

/** Receives a text's terms: a hash and its block. */
interface TermSink {
  push(hash: number, block: number): void;
}

/** The terms of a text as a model's analyser reads them; `cleaned` is cleanText(text), read just before. */
function termsOfText(analyzer: Analyzer, cleaned: string, nfcText: string, out: TermSink): void {
  if (analyzer === 'raw-2') rawTerms(nfcText, out);
  else cleanedTerms(cleaned, out);
}

export interface TermCounts {
  /** distinct (bucket, block) pairs, in order of first appearance */
  buckets: Int32Array;
  blocks: Uint8Array;
  counts: Float32Array;
}

/** The distinct buckets of a text's terms (per block) and how often each occurs. */
export function termCounts(text: string, bits: number, analyzer: Analyzer = 'cleaned'): TermCounts {
  const mask = (1 << bits) - 1;
  const at = new Map<number, number>();
  const buckets: number[] = [];
  const blocks: number[] = [];
  const counts: number[] = [];
  const cleaned = cleanText(text);
  termsOfText(analyzer, cleaned, nfcOfLastCleaned(), {
    push(hash, block) {
      const b = hash & mask;
      const key = b * 2 + block;
      const k = at.get(key);
      if (k === undefined) {
        at.set(key, buckets.length);
        buckets.push(b);
        blocks.push(block);
        counts.push(1);
      } else counts[k]++;
    },
  });
  return { buckets: Int32Array.from(buckets), blocks: Uint8Array.from(blocks), counts: Float32Array.from(counts) };
}

/** Sublinear term frequency: 1 + ln(count). */
export const sublinear = (count: number) => 1 + Math.log(count);

/** idf as scikit-learn smooths it: ln((1 + n) / (1 + df)) + 1. */
export const idfOf = (posts: number, df: number) => Math.log((1 + posts) / (1 + df)) + 1;

export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

/**
 * A text's TF-IDF vector: (1 + ln count) x idf per bucket the training posts held, each block scaled to unit length.
 * A bucket found in both blocks is two entries.
 */
export function tfidfVector(counts: TermCounts, idf: Float32Array): SparseVector {
  const index: number[] = [];
  const value: number[] = [];
  const block: number[] = [];
  const sums = [0, 0];
  for (let i = 0; i < counts.buckets.length; i++) {
    const w = idf[counts.buckets[i]];
    if (w === 0) continue;
    const v = sublinear(counts.counts[i]) * w;
    index.push(counts.buckets[i]);
    value.push(v);
    block.push(counts.blocks[i]);
    sums[counts.blocks[i]] += v * v;
  }
  const scales = sums.map((sum) => (sum > 0 ? 1 / Math.sqrt(sum) : 0));
  return { index: Int32Array.from(index), value: Float32Array.from(value, (v, i) => v * scales[block[i]]) };
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

// ---- fast classification: the text's (bucket, block) pairs gathered in a small table that stays in cache

const SUBLINEAR = Float64Array.from({ length: 256 }, (_, c) => (c > 0 ? sublinear(c) : 0));

class TermTable implements TermSink {
  size = 1 << 12;
  keys = new Int32Array(this.size).fill(-1);
  counts = new Int32Array(this.size);
  used = new Int32Array(this.size);
  distinct = 0;
  mask = 0;

  push(hash: number, block: number): void {
    if (2 * (this.distinct + 1) > this.size) this.grow();
    const key = (hash & this.mask) * 2 + block;
    const tableMask = this.size - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> 0;
    i &= tableMask;
    for (;;) {
      const k = this.keys[i];
      if (k === key) {
        this.counts[i]++;
        return;
      }
      if (k === -1) {
        this.keys[i] = key;
        this.counts[i] = 1;
        this.used[this.distinct++] = i;
        return;
      }
      i = (i + 1) & tableMask;
    }
  }

  private grow(): void {
    const keys = this.used.subarray(0, this.distinct).map((i) => this.keys[i]);
    const counts = this.used.subarray(0, this.distinct).map((i) => this.counts[i]);
    this.size *= 2;
    this.keys = new Int32Array(this.size).fill(-1);
    this.counts = new Int32Array(this.size);
    this.used = new Int32Array(this.size);
    const tableMask = this.size - 1;
    this.distinct = 0;
    keys.forEach((key, j) => {
      let i = (Math.imul(key, 0x9e3779b1) >>> 0) & tableMask;
      while (this.keys[i] !== -1) i = (i + 1) & tableMask;
      this.keys[i] = key;
      this.counts[i] = counts[j];
      this.used[this.distinct++] = i;
    });
  }
}

const table = new TermTable();
const zBlocks = [new Float64Array(CATEGORIES.length), new Float64Array(CATEGORIES.length)];
const zScratch = new Float64Array(CATEGORIES.length);

/**
 * The raw Emergency score and category logits (into zScratch) of a text; `cleaned` is cleanText(text), read just
 * before. Without `categories` the category logits are not computed (they read the bias only).
 */
function scoreCleaned(model: TfidfModel, cleaned: string, nfcText: string, categories = true): { e: number; z: Float64Array } {
  table.mask = (1 << model.bits) - 1;
  table.distinct = 0;
  termsOfText(model.analyzer, cleaned, nfcText, table);
  const { idf, emergencyWeights: ew, categoryWeights: cw } = model;
  const n = model.categories.length;
  const cMask = (1 << model.categoryBits) - 1;
  const zs = n <= zScratch.length ? zBlocks : [new Float64Array(n), new Float64Array(n)];
  zs[0].fill(0);
  zs[1].fill(0);
  let e0 = 0;
  let e1 = 0;
  let sum0 = 0;
  let sum1 = 0;
  const { keys, counts, used } = table;
  for (let j = 0; j < table.distinct; j++) {
    const i = used[j];
    const key = keys[i];
    const c = counts[i];
    keys[i] = -1;
    const b = key >>> 1;
    const w = idf[b];
    if (w === 0) continue;
    const v = (c < 256 ? SUBLINEAR[c] : sublinear(c)) * w;
    const z = zs[key & 1];
    if (key & 1) {
      sum1 += v * v;
      e1 += v * ew[b];
    } else {
      sum0 += v * v;
      e0 += v * ew[b];
    }
    if (!categories) continue;
    const base = (b & cMask) * n;
    for (let k = 0; k < n; k++) z[k] += v * cw[base + k];
  }
  const scale0 = sum0 > 0 ? 1 / Math.sqrt(sum0) : 0;
  const scale1 = sum1 > 0 ? 1 / Math.sqrt(sum1) : 0;
  const z = n <= zScratch.length ? zScratch : new Float64Array(n);
  for (let k = 0; k < n; k++) z[k] = model.categoryBias[k] + scale0 * zs[0][k] + scale1 * zs[1][k];
  return { e: model.emergencyBias + scale0 * e0 + scale1 * e1, z };
}

/** The raw Emergency score (logit) and category logits of a text, by the fast path classification takes. */
export function scoreTfidfText(model: TfidfModel, text: string): { e: number; z: Float64Array } {
  const s = scoreCleaned(model, cleanText(text), nfcOfLastCleaned());
  return { e: s.e, z: Float64Array.from(s.z) };
}

/** The raw Emergency score (logit) of a text, the category head not read (tfidf-emergency.ts's path for `raw-2`). */
export function tfidfEmergencyScore(model: TfidfModel, text: string): number {
  return scoreCleaned(model, cleanText(text), nfcOfLastCleaned(), false).e;
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
    let s = 0;
    const add = (terms: Uint32Array) => {
      for (let i = 0; i < terms.length; i++) {
        const b = terms[i] & mask;
        s += model.idf[b] * weightOf(b);
      }
    };
    if (model.analyzer === 'raw-2') {
      const piece = pieceHashes(token);
      add(piece.words);
      add(piece.chars);
    } else add(wordHashes(token).terms);
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
  const s = scoreCleaned(model, cleaned, nfcText);
  const tokens = tokensOfCleaned(cleaned);
  const p = sigmoid(model.calibration.a * s.e + model.calibration.b);
  const emergency: 0 | 1 = p >= model.threshold ? 1 : 0;
  const n = model.categories.length;
  const best = categoryIndexOf(model.categories, s.z, emergency);
  const cMask = (1 << model.categoryBits) - 1;
  const keywords = emergency
    ? topWords(model, tokens, (b) => model.emergencyWeights[b])
    : topWords(model, tokens, (b) => model.categoryWeights[(b & cMask) * n + best]);
  const review = model.reviewThreshold !== undefined && p >= model.reviewThreshold;
  return classificationOf(nfcText, emergency, model.categories[best], confidenceOf(p, model.threshold), model.version, keywords, languageOfLower(lower), review);
}

// ---- the model file

/**
 * `railsewa-tfidf-1`: the options above (`analyzer` absent in linear-11's file: `cleaned`); `idf`, `emergency` and `category` as sparse weight lists (linear.ts's
 * SparseJson: gap-coded bucket indices and 16-bit values times `scale`). idf keeps every bucket a training post held;
 * weights smaller than the minimum are left out.
 */
export interface TfidfModelJson {
  format: typeof TFIDF_FORMAT;
  version: string;
  bits: number;
  categoryBits: number;
  /** absent: `cleaned` (linear-11) */
  analyzer?: Analyzer;
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
    analyzer: model.analyzer === 'cleaned' ? undefined : model.analyzer,
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
  const model = emptyTfidf(json.version, json.bits, json.categoryBits, json.analyzer ?? 'cleaned');
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
