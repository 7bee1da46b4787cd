import { seededRandom } from './corpus/template';
import { balancedLossWeights, minimiseLbfgs, weightedLogisticLoss } from './lbfgs';
import { binaryScores, fBeta } from './metrics';
import {
  emptyNgramModel,
  exampleOf,
  norm,
  resetWordCache,
  scoreExample,
  sigmoid,
  type NgramExample,
  type NgramModel,
  type NgramShape,
} from './ngram';
import { inTestSplit } from './split';
import type { TrainingRow } from './train';

export interface NgramTrainOptions extends NgramShape {
  version?: string;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** what a missed emergency costs against a false alarm while learning; 'balanced' weighs the classes evenly */
  positiveWeight?: number | 'balanced';
  seed?: number;
  /** group folds for the cross-validated calibration and threshold */
  folds?: number;
  /** the threshold is the highest that keeps this recall on the cross-validated scores */
  recallTarget?: number;
  /** a number skips the cross-validation (calibration then stays a = 1, b = 0 unless given) */
  threshold?: number | 'auto';
  calibration?: { a: number; b: number };
  /**
   * how the Emergency head is trained: `adagrad` (linear-2 to linear-10: `epochs` passes, `l2`, the emergencies
   * weighed by `positiveWeight`), or `lbfgs` (linear-14: ½‖w‖² + c Σ weighted log loss minimised by L-BFGS, the classes
   * balanced as scikit-learn's `balanced`); the category head is AdaGrad's either way
   */
  emergencySolver?: 'adagrad' | 'lbfgs';
  /** lbfgs: the inverse of the penalty */
  c?: number;
  /** lbfgs: at most this many iterations (it stops earlier at a gradient 1e-5 of the start's) */
  maxIterations?: number;
  /** called after every epoch of every run (the folds count too): steps done of all steps */
  onProgress?: (done: number, total: number) => void;
}

export const NGRAM_DEFAULTS = {
  version: 'linear-3',
  /** linear-3: the post's context features (context.ts), lexicon and context features counting 1 each */
  context: true,
  ruleValue: 1,
  epochs: 10,
  learningRate: 0.4,
  l2: 1e-5,
  positiveWeight: 'balanced' as number | 'balanced',
  seed: 11,
  folds: 5,
  recallTarget: 0.95,
  threshold: 'auto' as number | 'auto',
  emergencySolver: 'adagrad' as 'adagrad' | 'lbfgs',
  c: 10,
  maxIterations: 300,
};

interface Item {
  x: NgramExample;
  emergency: 0 | 1;
  category: number;
  /** the row's weight, and its weight for the category head (0: it does not teach the category) */
  weight: number;
  categoryWeight: number;
}

function shuffle(order: number[], random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
}

/**
 * linear-14's Emergency head: ½‖w‖² + c Σ sᵢ logloss(xᵢ) over the buckets the items hold (the bias not penalised),
 * sᵢ the row's weight times its class's (`balanced`: total / (2 × the class's total), as scikit-learn's), minimised by
 * L-BFGS; the features as scoreExample reads them (each Emergency n-gram 1/√n per occurrence, each rule feature
 * ruleValue).
 */
function fitEmergencyLbfgs(items: readonly Item[], model: NgramModel, o: typeof NGRAM_DEFAULTS): void {
  const dense = new Map<number, number>();
  const bucketOf: number[] = [];
  const slot = (id: number) => {
    let j = dense.get(id);
    if (j === undefined) {
      j = bucketOf.length;
      dense.set(id, j);
      bucketOf.push(id);
    }
    return j;
  };
  const xs = items.map(({ x }) => {
    const at = new Map<number, number>();
    const ve = norm(x.e.length);
    for (let i = 0; i < x.e.length; i++) {
      const j = slot(x.e[i]);
      at.set(j, (at.get(j) ?? 0) + ve);
    }
    for (let i = 0; i < x.eRules.length; i++) {
      const j = slot(x.eRules[i]);
      at.set(j, (at.get(j) ?? 0) + model.ruleValue);
    }
    return { index: Int32Array.from(at.keys()), value: Float64Array.from(at.values()) };
  });
  const d = bucketOf.length;
  const targets = items.map((item) => item.emergency);
  const evaluate = weightedLogisticLoss(xs, targets, balancedLossWeights(targets, items.map((item) => item.weight), o.c), d);
  const result = minimiseLbfgs(evaluate, new Float64Array(d + 1), { maxIterations: o.maxIterations, tolerance: 1e-5 });
  model.emergencyWeights.fill(0);
  for (let j = 0; j < d; j++) model.emergencyWeights[bucketOf[j]] = result.x[j];
  model.emergencyBias = result.x[d];
}

/**
 * AdaGrad over the items (the Emergency head by L-BFGS first, when the options say so); the category head is skipped
 * when `categories` is false (the folds need Emergency only).
 */
function fit(
  items: readonly Item[],
  model: NgramModel,
  o: typeof NGRAM_DEFAULTS & { positive: number },
  categories: boolean,
  onEpoch: () => void,
): NgramModel {
  const n = model.categories.length;
  const adagrad = o.emergencySolver !== 'lbfgs';
  if (!adagrad) fitEmergencyLbfgs(items, model, o);
  const gE = new Float32Array(adagrad ? model.emergencyWeights.length : 0);
  const gC = categories ? new Float32Array(model.categoryWeights.length) : new Float32Array(0);
  const gBias = new Float64Array(n + 1);
  const random = seededRandom(o.seed);
  const order = items.map((_, i) => i);
  const { learningRate: lr, l2 } = o;
  const p = new Float64Array(n);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffle(order, random);
    if (!adagrad && !categories) {
      onEpoch();
      continue;
    }
    for (const k of order) {
      const { x, emergency, category, weight, categoryWeight } = items[k];
      const s = scoreExample(model, x, categories);
      if (adagrad) {
        // Emergency: weighted logistic loss
        const ge = (sigmoid(s.e) - emergency) * (emergency ? o.positive : 1) * weight;
        gBias[n] += ge * ge;
        model.emergencyBias -= (lr * ge) / (Math.sqrt(gBias[n]) + 1e-8);
        const ve = norm(x.e.length);
        const w = model.emergencyWeights;
        for (let i = 0; i < x.e.length; i++) {
          const id = x.e[i];
          const g = ge * ve + l2 * w[id];
          gE[id] += g * g;
          w[id] -= (lr * g) / (Math.sqrt(gE[id]) + 1e-8);
        }
        for (let i = 0; i < x.eRules.length; i++) {
          const id = x.eRules[i];
          const g = ge * model.ruleValue + l2 * w[id];
          gE[id] += g * g;
          w[id] -= (lr * g) / (Math.sqrt(gE[id]) + 1e-8);
        }
      }
      if (!categories || categoryWeight === 0) continue;
      // category: softmax cross-entropy
      let max = -Infinity;
      for (let c = 0; c < n; c++) if (s.z[c] > max) max = s.z[c];
      let sum = 0;
      for (let c = 0; c < n; c++) sum += p[c] = Math.exp(s.z[c] - max);
      for (let c = 0; c < n; c++) {
        p[c] = (p[c] / sum - (c === category ? 1 : 0)) * categoryWeight;
        gBias[c] += p[c] * p[c];
        model.categoryBias[c] -= (lr * p[c]) / (Math.sqrt(gBias[c]) + 1e-8);
      }
      const vc = norm(x.c.length);
      const cw = model.categoryWeights;
      const update = (id: number, value: number) => {
        const base = id * n;
        for (let c = 0; c < n; c++) {
          const g = p[c] * value + l2 * cw[base + c];
          gC[base + c] += g * g;
          cw[base + c] -= (lr * g) / (Math.sqrt(gC[base + c]) + 1e-8);
        }
      };
      for (let i = 0; i < x.c.length; i++) update(x.c[i], vc);
      for (let i = 0; i < x.cRules.length; i++) update(x.cRules[i], model.ruleValue);
    }
    onEpoch();
  }
  resetWordCache(model);
  return model;
}

/** Platt scaling: a and b of sigmoid(a * score + b) by Newton's method on the log loss. */
export function plattScale(scores: readonly number[], truth: readonly (0 | 1)[]): { a: number; b: number } {
  // Platt's targets keep the fit finite on separable data
  const pos = truth.filter((t) => t === 1).length;
  const neg = truth.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 50; iter++) {
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (let i = 0; i < scores.length; i++) {
      const q = sigmoid(a * scores[i] + b);
      const y = truth[i] ? hi : lo;
      const d = q - y;
      const h = Math.max(q * (1 - q), 1e-12);
      ga += d * scores[i];
      gb += d;
      haa += h * scores[i] * scores[i];
      hab += h * scores[i];
      hbb += h;
    }
    const det = haa * hbb - hab * hab + 1e-12;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

/**
 * The highest threshold (in steps of 0.01) whose recall on the held-back probabilities reaches `recallTarget`;
 * if none does, the threshold with the best F2.
 */
export function recallThreshold(truth: readonly (0 | 1)[], probabilities: readonly number[], recallTarget: number): number {
  let bestF2 = -1;
  let bestF2At = 0.5;
  for (let k = 99; k >= 1; k--) {
    const t = k / 100;
    const s = binaryScores(truth, probabilities.map((p) => (p >= t ? 1 : 0)));
    if (s.recall >= recallTarget) return t;
    const f2 = fBeta(s.precision, s.recall, 2);
    if (f2 > bestF2 + 1e-12) {
      bestF2 = f2;
      bestF2At = t;
    }
  }
  return bestF2At;
}

export interface NgramTraining {
  model: NgramModel;
  /** cross-validated (out-of-fold) calibrated probabilities, one per row, when the threshold was 'auto' */
  outOfFold?: number[];
}

/**
 * Older versions keep their own features when retrained under their name: linear-2's, linear-3's (linear-3 to
 * linear-5), linear-7's (linear-3's with Devanagari heard in Latin letters; linear-8 and linear-9 too); any other name gets linear-6's, linear-3's
 * with the rule view (rules.ts) as features too.
 */
export function shapeOf(version: string | undefined): NgramShape {
  if (version === 'linear-2') return { context: false, ruleValue: 0.5 };
  if (version === 'linear-3' || version === 'linear-4' || version === 'linear-5') return {};
  if (version === 'linear-7' || version === 'linear-8' || version === 'linear-9') return { latin: true };
  if (version === 'linear-10' || version === 'linear-14' || version === 'linear-15') return { latin: true, emergencyBits: 22 };
  return { rules: true };
}

/** Trains linear-2 on labelled rows: cross-validated calibration and threshold, then both heads on every row. */
export function trainNgram(rows: readonly TrainingRow[], options: NgramTrainOptions = {}): NgramTraining {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const o = { ...NGRAM_DEFAULTS, ...shapeOf(options.version ?? NGRAM_DEFAULTS.version), ...defined } as typeof NGRAM_DEFAULTS & NgramTrainOptions;
  const template = emptyNgramModel(o.version, o);
  const items = itemsOf(template, rows);
  const positive = o.positiveWeight === 'balanced' ? balancedWeight(items) : o.positiveWeight;
  const fitOptions = { ...o, positive };
  const auto = o.threshold === 'auto';
  const runs = auto ? o.folds + 1 : 1;
  let done = 0;
  const onEpoch = () => o.onProgress?.(++done, runs * o.epochs);

  let calibration = o.calibration ?? { a: 1, b: 0 };
  let threshold = typeof o.threshold === 'number' ? o.threshold : 0.5;
  let outOfFold: number[] | undefined;
  if (auto) {
    const fold = rows.map((r, i) => foldOf(r.group ?? `row:${i}`, o.folds, o.seed));
    const scores = new Array<number>(rows.length).fill(0);
    for (let f = 0; f < o.folds; f++) {
      const part = items.filter((_, i) => fold[i] !== f);
      const m = fit(part, emptyNgramModel(o.version, o), fitOptions, false, onEpoch);
      items.forEach((item, i) => {
        if (fold[i] === f) scores[i] = scoreExample(m, item.x, false).e;
      });
    }
    const truth = items.map((i) => i.emergency);
    calibration = plattScale(scores, truth);
    outOfFold = scores.map((s) => sigmoid(calibration.a * s + calibration.b));
    threshold = recallThreshold(truth, outOfFold, o.recallTarget);
  }
  const model = fit(items, emptyNgramModel(o.version, o), fitOptions, true, onEpoch);
  model.calibration = calibration;
  model.threshold = threshold;
  return { model, outOfFold };
}

function itemsOf(template: NgramModel, rows: readonly TrainingRow[]): Item[] {
  return rows.map((r) => {
    const category = template.categories.indexOf(r.category);
    if (category < 0) throw new Error(`unknown category ${r.category} in training row: ${r.text}`);
    const weight = r.weight ?? 1;
    return { x: exampleOf(template, r.text), emergency: r.emergency, category, weight, categoryWeight: r.categorised === false ? 0 : weight };
  });
}

/**
 * One model trained on every row, no cross-validation: threshold 0.5 and calibration a = 1, b = 0 until the caller
 * sets them. `categories` false trains the Emergency head only (what a fold needs when only its scores are wanted).
 */
export function fitNgram(rows: readonly TrainingRow[], options: NgramTrainOptions = {}, categories = true): NgramModel {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const o = { ...NGRAM_DEFAULTS, ...shapeOf(options.version ?? NGRAM_DEFAULTS.version), ...defined } as typeof NGRAM_DEFAULTS & NgramTrainOptions;
  const items = itemsOf(emptyNgramModel(o.version, o), rows);
  const positive = o.positiveWeight === 'balanced' ? balancedWeight(items) : o.positiveWeight;
  let done = 0;
  return fit(items, emptyNgramModel(o.version, o), { ...o, positive }, categories, () => o.onProgress?.(++done, o.epochs));
}

/** What an emergency counts so that both classes weigh the same: the summed row weights of the others over theirs. */
function balancedWeight(items: readonly Item[]): number {
  let positives = 0;
  let negatives = 0;
  for (const i of items) {
    if (i.emergency === 1) positives += i.weight;
    else negatives += i.weight;
  }
  return negatives / Math.max(positives, 1);
}

/** The fold of a group: a hash, so a template's or a post's rows stay in one fold. */
export function foldOf(group: string, folds: number, seed: number): number {
  for (let f = 0; f < folds - 1; f++) if (inTestSplit(group, 1 / (folds - f), `fold:${seed}:${f}`)) return f;
  return folds - 1;
}
