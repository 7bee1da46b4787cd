import { categoryIndexOf, classificationOf, confidenceOf } from './classification';
import { cleanText, languageOfLower, nfcOfLastCleaned } from './clean';
import { bigramHash, hashesOf, tokensOfCleaned } from './hashing';
import { CATEGORIES, type Category, type Classification } from './types';

/**
 * fasttext-1 (models/README.md, "fasttext-1"): a fastText-style classifier. A post's features are hashed n-grams (each
 * word, a Devanagari word heard in Latin letters too, its character 3-5-grams and the word bigrams); each indexes a
 * row of one shared embedding table, and the post's vector is the mean of its rows. Two linear heads read it: the
 * Emergency logit (Platt-calibrated) and the category logits.
 *
 * Both heads are linear, so each table row's contribution to them is a fixed number per head: a loaded model keeps
 * those (`collapse`) and classifies at the cost of a linear model.
 */
export interface FastTextModel {
  version: string;
  /** the table has 2^bits rows */
  bits: number;
  dim: number;
  categories: Category[];
  threshold: number;
  reviewThreshold?: number;
  calibration: { a: number; b: number };
  /** row-major, 2^bits x dim */
  table: Float32Array;
  emergencyHead: Float32Array;
  emergencyBias: number;
  /** category-major: categories.length x dim */
  categoryHead: Float32Array;
  categoryBias: Float32Array;
}

export const FASTTEXT_FORMAT = 'railsewa-fasttext-1';

export function emptyFastText(version: string, dim: number, bits = 18): FastTextModel {
  return {
    version,
    bits,
    dim,
    categories: [...CATEGORIES],
    threshold: 0.5,
    calibration: { a: 1, b: 0 },
    table: new Float32Array((1 << bits) * dim),
    emergencyHead: new Float32Array(dim),
    emergencyBias: 0,
    categoryHead: new Float32Array(CATEGORIES.length * dim),
    categoryBias: new Float32Array(CATEGORIES.length),
  };
}

/** The table rows of a text's features (repeats count again), in order: per word its own row and its n-grams, then the bigram with the word before. */
export function featuresOf(text: string, bits: number): Int32Array {
  const mask = (1 << bits) - 1;
  const out: number[] = [];
  let previous: ReturnType<typeof hashesOf> | null = null;
  for (const token of tokensOfCleaned(cleanText(text))) {
    const h = hashesOf(token, true);
    out.push(h.word & mask);
    for (const g of h.chars) out.push(g & mask);
    if (previous) out.push(bigramHash(previous, h) & mask);
    previous = h;
  }
  return Int32Array.from(out);
}

/** The raw Emergency logit and the category logits of a feature list (into `z` when given). */
export function scoreFeatures(model: FastTextModel, x: Int32Array, z?: Float64Array): number {
  const d = model.dim;
  const v = new Float64Array(d);
  for (let i = 0; i < x.length; i++) {
    const o = x[i] * d;
    for (let j = 0; j < d; j++) v[j] += model.table[o + j];
  }
  const inv = x.length ? 1 / x.length : 0;
  let e = model.emergencyBias;
  for (let j = 0; j < d; j++) e += inv * v[j] * model.emergencyHead[j];
  if (z) {
    for (let k = 0; k < model.categories.length; k++) {
      let s = model.categoryBias[k];
      const o = k * d;
      for (let j = 0; j < d; j++) s += inv * v[j] * model.categoryHead[o + j];
      z[k] = s;
    }
  }
  return e;
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

// ---- fast classification

/** Per table row, what it adds to each head: stride 1 + categories (Emergency first). */
interface Collapsed {
  stride: number;
  rows: Float32Array;
  /** per word: its summed row contributions and its feature count, cached */
  words: Map<string, { sums: Float32Array; count: number; word: number; chars: Uint32Array }>;
}

const collapsedOf = new WeakMap<FastTextModel, Collapsed>();
const WORD_CACHE_LIMIT = 100_000;

function collapse(model: FastTextModel): Collapsed {
  let c = collapsedOf.get(model);
  if (c) return c;
  const d = model.dim;
  const n = model.categories.length;
  const stride = 1 + n;
  const size = 1 << model.bits;
  const rows = new Float32Array(size * stride);
  for (let r = 0; r < size; r++) {
    const o = r * d;
    let e = 0;
    for (let j = 0; j < d; j++) e += model.table[o + j] * model.emergencyHead[j];
    rows[r * stride] = e;
    for (let k = 0; k < n; k++) {
      let s = 0;
      const h = k * d;
      for (let j = 0; j < d; j++) s += model.table[o + j] * model.categoryHead[h + j];
      rows[r * stride + 1 + k] = s;
    }
  }
  c = { stride, rows, words: new Map() };
  collapsedOf.set(model, c);
  return c;
}

const sumScratch = new Float64Array(64);

// Function words are never shown as the words that drove a decision.
const STOP = new Set(
  `a an the is are was were be been am i me my we us our you your he him his she her it its they them their this that
  these those and or but if of in on at to from for with by as so not no do does did has have had will would can could
  please pls plz sir ji hai hain ho tha thi ka ki ke ko se me mein main mera meri mere hum aap ye yeh wo woh
  aur bhi to raha rahi rahe ek koi kya ne par pe है हैं था थी के का की को से में मैं मेरा मेरी मेरे हम आप यह वह और
  भी तो रहा रही रहे एक कोई क्या ने पर हो गए गया गई`.split(/\s+/),
);

export interface FastTextScores {
  /** calibrated probability of Emergency */
  emergency: number;
  categories: Float64Array;
  tokens: string[];
  /** per token, its summed row contributions (Emergency first) */
  sums: Float32Array[];
}

export function scoreFastText(model: FastTextModel, text: string, cleaned = cleanText(text)): FastTextScores {
  const c = collapse(model);
  const n = model.categories.length;
  const stride = c.stride;
  const mask = (1 << model.bits) - 1;
  const acc = n + 1 <= sumScratch.length ? sumScratch.fill(0, 0, n + 1) : new Float64Array(n + 1);
  const tokens = tokensOfCleaned(cleaned);
  const sums: Float32Array[] = [];
  let count = 0;
  let previous: { word: number; chars: Uint32Array } | null = null;
  for (const token of tokens) {
    let entry = c.words.get(token);
    if (!entry) {
      const h = hashesOf(token, true);
      const s = new Float32Array(stride);
      const add = (row: number) => {
        const o = (row & mask) * stride;
        for (let k = 0; k < stride; k++) s[k] += c.rows[o + k];
      };
      add(h.word);
      for (const g of h.chars) add(g);
      if (c.words.size >= WORD_CACHE_LIMIT) c.words.clear();
      entry = { sums: s, count: 1 + h.chars.length, word: h.word, chars: h.chars };
      c.words.set(token, entry);
    }
    for (let k = 0; k < stride; k++) acc[k] += entry.sums[k];
    count += entry.count;
    if (previous) {
      const o = (bigramHash(previous, entry) & mask) * stride;
      for (let k = 0; k < stride; k++) acc[k] += c.rows[o + k];
      count++;
    }
    sums.push(entry.sums);
    previous = entry;
  }
  const inv = count ? 1 / count : 0;
  const z = new Float64Array(n);
  for (let k = 0; k < n; k++) z[k] = model.categoryBias[k] + inv * acc[1 + k];
  const score = model.emergencyBias + inv * acc[0];
  return { emergency: sigmoid(model.calibration.a * score + model.calibration.b), categories: z, tokens, sums };
}

/** The words whose rows pushed hardest towards `column` (0 Emergency, 1 + k category k), at most five. */
function topWords(s: FastTextScores, column: number): string[] {
  const scored: [string, number][] = [];
  const seen = new Set<string>();
  s.tokens.forEach((token, t) => {
    if (token.length < 2 || STOP.has(token) || seen.has(token)) return;
    seen.add(token);
    const w = s.sums[t][column];
    if (w > 0) scored.push([token, w]);
  });
  scored.sort((a, b) => b[1] - a[1]);
  return scored.slice(0, 5).map(([token]) => token);
}

export function classifyWithFastText(model: FastTextModel, text: string): Classification {
  const cleaned = cleanText(text);
  const nfcText = nfcOfLastCleaned();
  const lower = cleaned.toLowerCase();
  const s = scoreFastText(model, text, cleaned);
  const emergency: 0 | 1 = s.emergency >= model.threshold ? 1 : 0;
  const z = s.categories;
  const best = categoryIndexOf(model.categories, z, emergency);
  const keywords = topWords(s, emergency ? 0 : 1 + best);
  const review = model.reviewThreshold !== undefined && s.emergency >= model.reviewThreshold;
  return classificationOf(
    nfcText,
    emergency,
    model.categories[best],
    confidenceOf(s.emergency, model.threshold),
    model.version,
    keywords,
    languageOfLower(lower),
    review,
  );
}

// ---- the model file

export interface FastTextModelJson {
  format: typeof FASTTEXT_FORMAT;
  version: string;
  bits: number;
  dim: number;
  categories: Category[];
  threshold: number;
  reviewThreshold?: number;
  calibration: { a: number; b: number };
  emergencyBias: number;
  emergencyHead: number[];
  categoryBias: number[];
  categoryHead: number[];
  /**
   * The rows that are not all zero: `rows` their indices (ascending, as differences from the previous), `scales` each
   * row's largest magnitude / 127, `values` base64 of the rows' int8 values (row-major).
   */
  table: { rows: number[]; scales: string; values: string };
  about?: Record<string, unknown>;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export function fastTextToJson(model: FastTextModel, about?: Record<string, unknown>): FastTextModelJson {
  const d = model.dim;
  const size = 1 << model.bits;
  const rows: number[] = [];
  const scales: number[] = [];
  const values: number[] = [];
  let last = 0;
  for (let r = 0; r < size; r++) {
    let max = 0;
    for (let j = 0; j < d; j++) max = Math.max(max, Math.abs(model.table[r * d + j]));
    if (max === 0) continue;
    rows.push(r - last);
    last = r;
    const scale = max / 127;
    scales.push(scale);
    for (let j = 0; j < d; j++) values.push(Math.round(model.table[r * d + j] / scale));
  }
  return {
    format: FASTTEXT_FORMAT,
    version: model.version,
    bits: model.bits,
    dim: d,
    categories: model.categories,
    threshold: model.threshold,
    reviewThreshold: model.reviewThreshold,
    calibration: model.calibration,
    emergencyBias: model.emergencyBias,
    emergencyHead: [...model.emergencyHead],
    categoryBias: [...model.categoryBias],
    categoryHead: [...model.categoryHead],
    table: { rows, scales: b64(new Uint8Array(Float32Array.from(scales).buffer)), values: b64(Uint8Array.from(Int8Array.from(values), (v) => v & 0xff)) },
    about,
  };
}

export function fastTextFromJson(json: FastTextModelJson): FastTextModel {
  if (json.format !== FASTTEXT_FORMAT) throw new Error(`unknown model format ${String(json.format)}`);
  const model = emptyFastText(json.version, json.dim, json.bits);
  model.categories = json.categories;
  model.threshold = json.threshold;
  if (json.reviewThreshold !== undefined) model.reviewThreshold = json.reviewThreshold;
  model.calibration = { ...json.calibration };
  model.emergencyBias = json.emergencyBias;
  model.emergencyHead = Float32Array.from(json.emergencyHead);
  model.categoryBias = Float32Array.from(json.categoryBias);
  model.categoryHead = Float32Array.from(json.categoryHead);
  const scaleBytes = Buffer.from(json.table.scales, 'base64');
  const scales = new Float32Array(scaleBytes.buffer.slice(scaleBytes.byteOffset, scaleBytes.byteOffset + scaleBytes.byteLength));
  const values = new Int8Array(Buffer.from(json.table.values, 'base64'));
  const d = json.dim;
  let r = 0;
  json.table.rows.forEach((delta, i) => {
    r += delta;
    for (let j = 0; j < d; j++) model.table[r * d + j] = values[i * d + j] * scales[i];
  });
  return model;
}
