import { isSpace, toNfc } from './clean';
import { mix } from './hashing';
import { BIGRAM_SEED, hashPiece, type PieceHashes, sigmoid, sublinear, tfidfEmergencyScore, type TfidfModel } from './tfidf';

/**
 * The TF-IDF model's Emergency head alone, for linear-16's cascade (`raw-2` models): the same terms, counts and
 * arithmetic as tfidf.ts's classification path, in the same order, so the same score. What makes it faster: each
 * white-space-free piece of the text is looked up once per model, with the bucket, idf and Emergency weight of each of
 * its terms (terms no training post held are left out); so a text's terms are counted in a small table that stays in
 * cache; a word bigram's bucket is found in a compact list of the buckets training posts held.
 * The model's idf and Emergency weights must not change once it has scored a text (a loaded model's never do).
 */

const FNV_PRIME = 16777619;
const FNV_OFFSET = 0x811c9dc5;
/** a model's pieces are kept in at most this many 32-bit cells (32 MB), then forgotten all at once */
const ARENA_LIMIT = 1 << 23;
/** a longer piece (a text without spaces) is not kept */
const LONGEST_KEPT = 1000;
// module-level values: the hot loop reads them without going through another module's exports
const SUBLINEAR = Float64Array.from({ length: 256 }, (_, c) => (c > 0 ? sublinear(c) : 0));
const BIGRAM = BIGRAM_SEED;

/** The number of bits set in a 32-bit integer. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * The buckets a training post held (idf > 0), small enough to stay in cache where the model's tables do not (for the
 * word bigrams, which no piece holds): per 32 buckets a word of bits (one per bucket held) beside the number of buckets
 * held before them; and the idf and Emergency weight of each bucket held, side by side, in bucket order.
 */
class HeldBuckets {
  readonly words: Int32Array;
  readonly values: Float32Array;

  constructor(model: TfidfModel) {
    const { idf, emergencyWeights: ew } = model;
    this.words = new Int32Array(2 * Math.ceil(idf.length / 32));
    let held = 0;
    for (let b = 0; b < idf.length; b++) if (idf[b] !== 0) held++;
    this.values = new Float32Array(2 * held);
    held = 0;
    for (let b = 0; b < idf.length; b++) {
      if (b % 32 === 0) this.words[2 * (b >>> 5) + 1] = held;
      if (idf[b] === 0) continue;
      this.words[2 * (b >>> 5)] |= 1 << (b & 31);
      this.values[2 * held] = idf[b];
      this.values[2 * held + 1] = ew[b];
      held++;
    }
  }

  /** Where bucket b's idf is in `values` (its Emergency weight next), or -1: no training post held it. */
  at(b: number): number {
    const w = 2 * (b >>> 5);
    const bit = 1 << (b & 31);
    const word = this.words[w];
    if ((word & bit) === 0) return -1;
    return 2 * (this.words[w + 1] + popcount(word & (bit - 1)));
  }
}

/**
 * The pieces a model has read, each in one run of 32-bit cells of an arena, found by an open-addressing table on the
 * hash of its characters (so a piece seen before is found without building its string):
 *   hash, length, its character codes, then c (terms of block 1) and w (words), then c + w terms as
 *   (bucket * 2 + block, idf, Emergency weight), the first c its char_wb n-grams (those no training post held left
 *   out), the next w its words (in order); then the w words' hashes, for the bigrams.
 */
class PieceStore {
  ints: Int32Array;
  floats: Float32Array;
  top = 0;
  slots = new Int32Array(1 << 12).fill(-1);
  count = 0;
  readonly held: HeldBuckets;

  constructor(
    readonly model: TfidfModel,
    readonly limit: number,
  ) {
    this.ints = new Int32Array(Math.min(1 << 16, limit));
    this.floats = new Float32Array(this.ints.buffer);
    this.held = new HeldBuckets(model);
  }

  /** The arena offset of the piece text[start, end) with character hash `hash` (FNV-1a), stored first if new. */
  find(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    const mask = this.slots.length - 1;
    const ints = this.ints;
    for (let i = Math.imul(hash, 0x9e3779b1) >>> 0; ; i++) {
      const o = this.slots[i & mask];
      if (o < 0) return this.add(text.slice(start, end), hash);
      if (ints[o] !== hash || ints[o + 1] !== length) continue;
      let j = 0;
      while (j < length && ints[o + 2 + j] === text.charCodeAt(start + j)) j++;
      if (j === length) return o;
    }
  }

  private add(piece: string, hash: number): number {
    const h = hashPiece(piece);
    const need = 4 + piece.length + 3 * (h.chars.length + h.words.length) + h.words.length;
    // a piece too long to keep is written after the last one, and overwritten by the next
    const kept = piece.length <= LONGEST_KEPT;
    if (kept && this.top + need > this.limit) this.clear();
    if (this.top + need > this.ints.length) {
      const grown = new Int32Array(Math.max(Math.min(2 * this.ints.length, this.limit), this.top + need));
      grown.set(this.ints.subarray(0, this.top));
      this.ints = grown;
      this.floats = new Float32Array(grown.buffer);
    }
    const o = this.top;
    const end = this.write(o, piece, hash, h);
    if (!kept) return o;
    this.top = end;
    this.slots[this.slotOf(hash)] = o;
    if (2 * ++this.count > this.slots.length) this.rehash();
    return o;
  }

  /** Writes the piece at `o`; returns where it ends. */
  private write(o: number, piece: string, hash: number, h: PieceHashes): number {
    const { idf, emergencyWeights: ew } = this.model;
    const mask = (1 << this.model.bits) - 1;
    const { ints, floats } = this;
    ints[o] = hash;
    ints[o + 1] = piece.length;
    for (let j = 0; j < piece.length; j++) ints[o + 2 + j] = piece.charCodeAt(j);
    const counts = o + 2 + piece.length;
    let t = counts + 2;
    for (let k = 0; k < h.chars.length; k++) {
      const b = h.chars[k] & mask;
      if (idf[b] === 0) continue;
      ints[t] = b * 2 + 1;
      floats[t + 1] = idf[b];
      floats[t + 2] = ew[b];
      t += 3;
    }
    ints[counts] = (t - counts - 2) / 3;
    ints[counts + 1] = h.words.length;
    for (let k = 0; k < h.words.length; k++, t += 3) {
      const b = h.words[k] & mask;
      ints[t] = b * 2;
      floats[t + 1] = idf[b];
      floats[t + 2] = ew[b];
    }
    for (let k = 0; k < h.words.length; k++) ints[t++] = h.words[k] | 0;
    return t;
  }

  /** The empty slot a new piece of this hash goes to. */
  private slotOf(hash: number): number {
    const mask = this.slots.length - 1;
    let i = (Math.imul(hash, 0x9e3779b1) >>> 0) & mask;
    while (this.slots[i] >= 0) i = (i + 1) & mask;
    return i;
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length).fill(-1);
    for (let i = 0; i < old.length; i++) if (old[i] >= 0) this.slots[this.slotOf(this.ints[old[i]])] = old[i];
  }

  private clear(): void {
    this.top = 0;
    this.count = 0;
    this.slots.fill(-1);
  }
}

/** A text's distinct terms (bucket * 2 + block) with their counts, idf and Emergency weight, in order of first appearance. */
class TermTable {
  size = 1 << 12;
  keys = new Int32Array(this.size).fill(-1);
  counts = new Int32Array(this.size);
  idf = new Float32Array(this.size);
  weights = new Float32Array(this.size);
  /** the slots in use, in order of first appearance */
  used = new Int32Array(this.size);
  distinct = 0;

  add(key: number, idf: number, weight: number): void {
    if (2 * (this.distinct + 1) > this.size) this.grow();
    const tableMask = this.size - 1;
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & tableMask;
    for (;;) {
      const k = this.keys[i];
      if (k === key) {
        this.counts[i]++;
        return;
      }
      if (k === -1) {
        this.keys[i] = key;
        this.counts[i] = 1;
        this.idf[i] = idf;
        this.weights[i] = weight;
        this.used[this.distinct++] = i;
        return;
      }
      i = (i + 1) & tableMask;
    }
  }

  private grow(): void {
    const slots = Array.from(this.used.subarray(0, this.distinct));
    const [keys, counts, idf, weights] = [this.keys, this.counts, this.idf, this.weights];
    this.size *= 2;
    this.keys = new Int32Array(this.size).fill(-1);
    this.counts = new Int32Array(this.size);
    this.idf = new Float32Array(this.size);
    this.weights = new Float32Array(this.size);
    this.used = new Int32Array(this.size);
    this.distinct = 0;
    for (const s of slots) {
      this.add(keys[s], idf[s], weights[s]);
      this.counts[this.used[this.distinct - 1]] = counts[s];
    }
  }
}

const table = new TermTable();

/** The raw Emergency score (logit) of a `raw-2` model: tfidf.ts's scoreCleaned without the category head. */
function rawEmergencyScore(store: PieceStore, text: string): number {
  const model = store.model;
  const { values: held } = store.held;
  const mask = (1 << model.bits) - 1;
  const lower = toNfc(text).toLowerCase();
  table.distinct = 0;
  let previous = -1;
  let start = -1;
  let hash = 0;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if ((c > 32 && c < 0x80) || !isSpace(c)) {
      if (start < 0) {
        start = i;
        hash = FNV_OFFSET;
      }
      hash = Math.imul(hash ^ c, FNV_PRIME);
      continue;
    }
    if (start < 0) continue;
    let o = store.find(lower, start, i, hash);
    start = -1;
    const { ints, floats } = store;
    o += 2 + ints[o + 1];
    const chars = ints[o];
    const words = ints[o + 1];
    let t = o + 2;
    for (const end = t + 3 * chars; t < end; t += 3) table.add(ints[t], floats[t + 1], floats[t + 2]);
    for (let k = t + 3 * words; t < o + 2 + 3 * (chars + words); t += 3, k++) {
      if (floats[t + 1] !== 0) table.add(ints[t], floats[t + 1], floats[t + 2]);
      const word = ints[k] >>> 0;
      if (previous >= 0) {
        const b = mix(previous ^ BIGRAM, word) & mask;
        const at = store.held.at(b);
        if (at >= 0) table.add(b * 2, held[at], held[at + 1]);
      }
      previous = word;
    }
  }
  let e0 = 0;
  let e1 = 0;
  let sum0 = 0;
  let sum1 = 0;
  const { keys, counts, used } = table;
  for (let j = 0; j < table.distinct; j++) {
    const i = used[j];
    const c = counts[i];
    const v = (c < 256 ? SUBLINEAR[c] : sublinear(c)) * table.idf[i];
    if (keys[i] & 1) {
      sum1 += v * v;
      e1 += v * table.weights[i];
    } else {
      sum0 += v * v;
      e0 += v * table.weights[i];
    }
    keys[i] = -1;
  }
  const scale0 = sum0 > 0 ? 1 / Math.sqrt(sum0) : 0;
  const scale1 = sum1 > 0 ? 1 / Math.sqrt(sum1) : 0;
  return model.emergencyBias + scale0 * e0 + scale1 * e1;
}

/**
 * The raw Emergency score (logit) of texts by a model's Emergency head alone, the category head not read; a `raw-2`
 * model's pieces are kept in at most `arenaLimit` 32-bit cells.
 */
export function tfidfEmergencyScorer(model: TfidfModel, arenaLimit = ARENA_LIMIT): (text: string) => number {
  if (model.analyzer !== 'raw-2') return (text) => tfidfEmergencyScore(model, text);
  const store = new PieceStore(model, arenaLimit);
  return (text) => rawEmergencyScore(store, text);
}

const scorers = new WeakMap<TfidfModel, (text: string) => number>();

/** The calibrated Emergency probability of a text, the category head not read (linear-16's cascade). */
export function tfidfEmergencyProbability(model: TfidfModel, text: string): number {
  let score = scorers.get(model);
  if (!score) {
    score = tfidfEmergencyScorer(model);
    scorers.set(model, score);
  }
  return sigmoid(model.calibration.a * score(text) + model.calibration.b);
}
