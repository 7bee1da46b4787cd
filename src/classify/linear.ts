import { cleanText, detectLanguage, nfcOfLastCleaned } from './clean';
import { featuresOfCleaned, HASH_BITS, type Features } from './features';
import { classificationOf, confidenceOf, URGENT } from './classification';
import { CATEGORIES, type Category, type Classification } from './types';

/** A linear model over hashed features: logistic regression for Emergency, softmax for the category. */
export interface LinearModel {
  version: string;
  hashBits: number;
  categories: Category[];
  /** Emergency when the probability reaches this; chosen for recall when training */
  threshold: number;
  /** what one rule feature counts for, against 1/sqrt(n) for each of a text's n n-grams */
  ruleValue: number;
  emergencyBias: number;
  /** one weight per hashed feature */
  emergencyWeights: Float32Array;
  categoryBias: Float32Array;
  /** feature-major: weight of feature f for category c at f * categories.length + c */
  categoryWeights: Float32Array;
}

export function emptyModel(version: string, threshold = 0.5, ruleValue = 1): LinearModel {
  const size = 1 << HASH_BITS;
  return {
    version,
    hashBits: HASH_BITS,
    categories: [...CATEGORIES],
    threshold,
    ruleValue,
    emergencyBias: 0,
    emergencyWeights: new Float32Array(size),
    categoryBias: new Float32Array(CATEGORIES.length),
    categoryWeights: new Float32Array(size * CATEGORIES.length),
  };
}

/** Every n-gram counts 1/sqrt(n) for n n-grams in the text, so long and short posts weigh alike. */
export function featureValues(features: Features): { all: number; words: number } {
  const n = features.wordIds.length + features.charIds.length;
  return {
    all: n ? 1 / Math.sqrt(n) : 0,
    words: features.wordIds.length ? 1 / Math.sqrt(features.wordIds.length) : 0,
  };
}

export interface LinearScores {
  /** probability of Emergency */
  emergency: number;
  /** raw scores (logits) over model.categories; softmaxInPlace turns them into probabilities */
  categories: Float64Array;
}

export function scoreFeatures(model: LinearModel, features: Features): LinearScores {
  const { all, words } = featureValues(features);
  const n = model.categories.length;
  const z = new Float64Array(n);
  for (let c = 0; c < n; c++) z[c] = model.categoryBias[c];
  let e = 0;
  for (const id of features.charIds) e += all * model.emergencyWeights[id];
  for (const id of features.wordIds) {
    e += all * model.emergencyWeights[id];
    const base = id * n;
    for (let c = 0; c < n; c++) z[c] += words * model.categoryWeights[base + c];
  }
  for (const id of features.ruleIds) {
    e += model.ruleValue * model.emergencyWeights[id];
    const base = id * n;
    for (let c = 0; c < n; c++) z[c] += model.ruleValue * model.categoryWeights[base + c];
  }
  return { emergency: 1 / (1 + Math.exp(-(model.emergencyBias + e))), categories: z };
}

export function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (const x of z) if (x > max) max = x;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c] - max);
    sum += z[c];
  }
  for (let c = 0; c < z.length; c++) z[c] /= sum;
}

function argmax(z: Float64Array, allowed?: (c: number) => boolean): number {
  let best = -1;
  for (let c = 0; c < z.length; c++) if ((!allowed || allowed(c)) && (best < 0 || z[c] > z[best])) best = c;
  return best;
}

/** The tokens whose features pushed hardest towards the decision, for the dashboard row. */
function keywordsFor(features: Features, withChars: boolean, weightOf: (id: number) => number): string[] {
  const scored: { token: string; score: number }[] = [];
  const seen = new Set<string>();
  const { tokens, wordStart, wordIds, charStart, charIds } = features;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (token.length < 2 || token === '0' || seen.has(token)) continue;
    seen.add(token);
    let score = 0;
    for (let k = wordStart[t]; k < wordStart[t + 1]; k++) score += weightOf(wordIds[k]);
    if (withChars) for (let k = charStart[t]; k < charStart[t + 1]; k++) score += weightOf(charIds[k]);
    if (score > 0) scored.push({ token, score });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, 5).map((s) => s.token);
}

export function classifyWithModel(model: LinearModel, text: string): Classification {
  const cleaned = cleanText(text);
  const nfcText = nfcOfLastCleaned(); // what the extractors read
  const features = featuresOfCleaned(cleaned);
  const scores = scoreFeatures(model, features);
  const emergency: 0 | 1 = scores.emergency >= model.threshold ? 1 : 0;
  const n = model.categories.length;
  // An emergency belongs to a safety category; feedback takes the most likely category of all.
  let c = argmax(scores.categories, emergency ? (i) => URGENT.has(model.categories[i]) : undefined);
  if (c < 0) c = argmax(scores.categories);
  const category = model.categories[c];
  // For an emergency the rule view's danger words come first: much of the decision rests on those features.
  const keywords = emergency
    ? [...new Set([...features.ruleDangerWords, ...keywordsFor(features, true, (id) => model.emergencyWeights[id])])].slice(0, 5)
    : keywordsFor(features, false, (id) => model.categoryWeights[id * n + c]);
  const confidence = confidenceOf(scores.emergency, model.threshold);
  return classificationOf(nfcText, emergency, category, confidence, model.version, keywords, detectLanguage(cleaned));
}

// ---- the model file: sparse, quantised weights in base64, so it stays small enough to keep in git

export interface SparseJson {
  scale: number;
  /** base64 of the kept weights' positions, each as the gap from the previous one in LEB128 */
  index: string;
  /** base64 Int16 quantised values */
  value: string;
}

export interface LinearModelJson {
  format: 'railsewa-linear-1';
  version: string;
  hashBits: number;
  categories: Category[];
  threshold: number;
  ruleValue: number;
  emergencyBias: number;
  categoryBias: number[];
  emergency: SparseJson;
  category: SparseJson;
  /** free-form notes: corpus size, seed, held-out figures */
  about?: Record<string, unknown>;
}

export function toSparse(weights: Float32Array, minimum: number): SparseJson {
  let max = 0;
  for (const w of weights) if (Math.abs(w) > max) max = Math.abs(w);
  const scale = max / 32767 || 1;
  const index: number[] = [];
  const value: number[] = [];
  for (let i = 0; i < weights.length; i++) {
    const q = Math.round(weights[i] / scale);
    if (q !== 0 && Math.abs(weights[i]) >= minimum) {
      index.push(i);
      value.push(q);
    }
  }
  return {
    scale,
    index: Buffer.from(encodeGaps(index)).toString('base64'),
    value: Buffer.from(new Int16Array(value).buffer).toString('base64'),
  };
}

function encodeGaps(index: number[]): Uint8Array {
  const bytes: number[] = [];
  let previous = 0;
  for (const i of index) {
    let gap = i - previous;
    previous = i;
    while (gap >= 0x80) {
      bytes.push((gap & 0x7f) | 0x80);
      gap >>>= 7;
    }
    bytes.push(gap);
  }
  return Uint8Array.from(bytes);
}

function decodeGaps(bytes: Uint8Array): number[] {
  const index: number[] = [];
  let previous = 0;
  for (let p = 0; p < bytes.length; ) {
    let gap = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[p++];
      gap |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    previous += gap;
    index.push(previous);
  }
  return index;
}

export function fromSparse(sparse: SparseJson, into: Float32Array): void {
  const index = decodeGaps(Buffer.from(sparse.index, 'base64'));
  const vb = Buffer.from(sparse.value, 'base64');
  const value = new Int16Array(vb.buffer.slice(vb.byteOffset, vb.byteOffset + vb.byteLength));
  for (let i = 0; i < index.length; i++) into[index[i]] = value[i] * sparse.scale;
}

/** Weights smaller than `minimum` are dropped from the file (on the corpus this changed no decision). */
export function modelToJson(model: LinearModel, about?: Record<string, unknown>, minimum = 0.2): LinearModelJson {
  return {
    format: 'railsewa-linear-1',
    version: model.version,
    hashBits: model.hashBits,
    categories: model.categories,
    threshold: model.threshold,
    ruleValue: model.ruleValue,
    emergencyBias: model.emergencyBias,
    categoryBias: [...model.categoryBias],
    emergency: toSparse(model.emergencyWeights, minimum),
    category: toSparse(model.categoryWeights, minimum),
    about,
  };
}

export function modelFromJson(json: LinearModelJson): LinearModel {
  if (json.format !== 'railsewa-linear-1') throw new Error(`unknown model format ${String(json.format)}`);
  if (json.hashBits !== HASH_BITS) throw new Error(`model uses ${json.hashBits} hash bits, features use ${HASH_BITS}`);
  const model = emptyModel(json.version, json.threshold, json.ruleValue);
  model.categories = json.categories;
  model.emergencyBias = json.emergencyBias;
  model.categoryBias = Float32Array.from(json.categoryBias);
  model.categoryWeights = new Float32Array((1 << json.hashBits) * json.categories.length);
  fromSparse(json.emergency, model.emergencyWeights);
  fromSparse(json.category, model.categoryWeights);
  return model;
}
