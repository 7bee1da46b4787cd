import { categoryIndexOf } from './classification';
import { seededRandom } from './corpus/template';
import { balancedLossWeights, minimiseLbfgs, weightedLogisticLoss } from './lbfgs';
import type { RealPost } from './real-posts';
import {
  plattScaleSafe,
  realRow,
  stratifiedFolds,
  thresholdAtPrecision,
  thresholdAtShare,
  triageFigures,
  type CrossValidation,
  type TriageDecision,
  weightedCorpus,
} from './real-train';
import { type Analyzer, emptyTfidf, idfOf, scoreVector, sigmoid, termCounts, tfidfFromJson, tfidfToJson, tfidfVector, type SparseVector, type TermCounts, type TfidfModel, type TfidfModelJson } from './tfidf';
import type { TrainingRow } from './train';

/** linear-11's training (models/README.md, "linear-11"). */
export interface TfidfTrainOptions {
  version?: string;
  bits?: number;
  categoryBits?: number;
  analyzer?: Analyzer;
  /** the inverse of the L2 penalty of the Emergency head: ½‖w‖² + C Σ weighted log loss */
  c?: number;
  maxIterations?: number;
  /** the category head: AdaGrad epochs, step and L2 */
  categoryEpochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
  /** what one corpus row counts against one real post */
  corpusWeight?: number;
  /** what a real post labelled as a judgement call counts */
  unsureWeight?: number;
  folds?: number;
  precisionTarget?: number;
  flaggedShare?: number;
  /** whether the category head is trained (always in a shipped model; the selection needs Emergency only) */
  categories?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** told how each Emergency fit ended (for diagnostics: iterations, gradient, the weights' norm) */
  onEmergencyFit?: (fit: EmergencyFit) => void;
}

export interface EmergencyFit {
  /** parameters fitted: the buckets the rows hold, and the bias */
  parameters: number;
  iterations: number;
  gradientRatio: number;
  objective: number;
  weightNorm: number;
  bias: number;
}

export const TFIDF_DEFAULTS = {
  version: 'linear-11',
  bits: 22,
  categoryBits: 18,
  analyzer: 'cleaned' as Analyzer,
  c: 1,
  maxIterations: 300,
  categoryEpochs: 10,
  learningRate: 0.4,
  l2: 1e-5,
  seed: 11,
  corpusWeight: 1,
  unsureWeight: 1,
  folds: 5,
  precisionTarget: 0.5,
  flaggedShare: 0.1,
  categories: true,
};

/**
 * The options of the TF-IDF versions, chosen by cross-validation on the real training posts (models/README.md):
 * linear-11 is its candidate 1, linear-12 its candidate 2, linear-13 its candidate 1. None passed its switching rule
 * and no file of them is shipped; `npx tsx src/classify/models/build.ts linear-12` builds one.
 */
export const TFIDF_OPTIONS: Readonly<Record<string, TfidfTrainOptions>> = {
  'linear-11': { corpusWeight: 0 },
  'linear-12': { analyzer: 'raw-2', corpusWeight: 0, c: 10 },
  'linear-13': { analyzer: 'raw-2', corpusWeight: 0, c: 30 },
};

type Options = typeof TFIDF_DEFAULTS & TfidfTrainOptions;

function withDefaults(options: TfidfTrainOptions): Options {
  return { ...TFIDF_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Options;
}

/** A row with its term counts computed once (they do not depend on idf, which each fold sets anew). */
export interface CountedRow {
  row: TrainingRow;
  counts: TermCounts;
}

export function countRows(rows: readonly TrainingRow[], bits: number, analyzer: Analyzer = 'cleaned'): CountedRow[] {
  return rows.map((row) => ({ row, counts: termCounts(row.text, bits, analyzer) }));
}

/** idf of every bucket over the rows (each a document, whatever its weight); 0 for buckets no row holds. */
export function idfOfRows(rows: readonly CountedRow[], bits: number): Float32Array {
  const df = new Int32Array(1 << bits);
  for (const r of rows) for (const b of r.counts.buckets) df[b]++;
  const idf = new Float32Array(1 << bits);
  for (let b = 0; b < df.length; b++) if (df[b] > 0) idf[b] = idfOf(rows.length, df[b]);
  return idf;
}

/** The Emergency head: L2-regularised, class-balanced logistic regression minimised by L-BFGS, into `model`. */
function fitEmergency(model: TfidfModel, xs: readonly SparseVector[], rows: readonly TrainingRow[], o: Options): void {
  // buckets the rows hold, as dense parameter indices (the last parameter is the bias)
  const dense = new Int32Array(1 << model.bits).fill(-1);
  const bucketOf: number[] = [];
  const local = xs.map((x) => Int32Array.from(x.index, (b) => (dense[b] >= 0 ? dense[b] : ((dense[b] = bucketOf.length), bucketOf.push(b), dense[b]))));
  const d = bucketOf.length;
  const targets = rows.map((r) => r.emergency);
  const weights = balancedLossWeights(targets, rows.map((r) => r.weight ?? 1), o.c);
  const evaluate = weightedLogisticLoss(xs.map((x, i) => ({ index: local[i], value: x.value })), targets, weights, d);
  const result = minimiseLbfgs(evaluate, new Float64Array(d + 1), { maxIterations: o.maxIterations, tolerance: 1e-5 });
  model.emergencyWeights.fill(0);
  for (let j = 0; j < d; j++) model.emergencyWeights[bucketOf[j]] = result.x[j];
  model.emergencyBias = result.x[d];
  let norm = 0;
  for (let j = 0; j < d; j++) norm += result.x[j] * result.x[j];
  o.onEmergencyFit?.({ parameters: d + 1, iterations: result.iterations, gradientRatio: result.gradientRatio, objective: result.value, weightNorm: Math.sqrt(norm), bias: result.x[d] });
}

/** The category head: softmax regression by AdaGrad over the rows that teach the category, into `model`. */
function fitCategories(model: TfidfModel, xs: readonly SparseVector[], rows: readonly TrainingRow[], o: Options): void {
  const n = model.categories.length;
  const cMask = (1 << model.categoryBits) - 1;
  const cw = model.categoryWeights;
  const gC = new Float32Array(cw.length);
  const gBias = new Float64Array(n);
  const order = rows.map((_, i) => i).filter((i) => rows[i].categorised !== false);
  const target = rows.map((r) => model.categories.indexOf(r.category));
  const random = seededRandom(o.seed);
  const p = new Float64Array(n);
  const z = new Float64Array(n);
  const lr = o.learningRate;
  for (let epoch = 0; epoch < o.categoryEpochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const r of order) {
      const x = xs[r];
      const weight = rows[r].weight ?? 1;
      scoreVector(model, x, z);
      let max = -Infinity;
      for (let k = 0; k < n; k++) if (z[k] > max) max = z[k];
      let sum = 0;
      for (let k = 0; k < n; k++) sum += p[k] = Math.exp(z[k] - max);
      for (let k = 0; k < n; k++) {
        p[k] = (p[k] / sum - (k === target[r] ? 1 : 0)) * weight;
        gBias[k] += p[k] * p[k];
        model.categoryBias[k] -= (lr * p[k]) / (Math.sqrt(gBias[k]) + 1e-8);
      }
      for (let i = 0; i < x.index.length; i++) {
        const base = (x.index[i] & cMask) * n;
        const v = x.value[i];
        for (let k = 0; k < n; k++) {
          const g = p[k] * v + o.l2 * cw[base + k];
          gC[base + k] += g * g;
          cw[base + k] -= (lr * g) / (Math.sqrt(gC[base + k]) + 1e-8);
        }
      }
    }
    o.onProgress?.(epoch + 1, o.categoryEpochs);
  }
}

/**
 * One model trained on counted rows (no calibration: a = 1, b = 0, threshold 0.5 until the caller sets them): idf
 * from the rows, then the Emergency head and (unless `categories` is false) the category head.
 */
export function fitTfidfCounted(rows: readonly CountedRow[], options: TfidfTrainOptions = {}): TfidfModel {
  const o = withDefaults(options);
  const model = emptyTfidf(o.version, o.bits, o.categoryBits, o.analyzer);
  for (const r of rows) if (model.categories.indexOf(r.row.category) < 0) throw new Error(`unknown category ${r.row.category} in training row`);
  model.idf = idfOfRows(rows, o.bits);
  const xs = rows.map((r) => tfidfVector(r.counts, model.idf));
  const plain = rows.map((r) => r.row);
  fitEmergency(model, xs, plain, o);
  if (o.categories) fitCategories(model, xs, plain, o);
  return model;
}

export function fitTfidf(rows: readonly TrainingRow[], options: TfidfTrainOptions = {}): TfidfModel {
  const o = withDefaults(options);
  return fitTfidfCounted(countRows(rows, o.bits, o.analyzer), options);
}

/**
 * k-fold cross-validation on the real posts, as linear-8 to linear-10's (real-train.ts crossValidate): the same
 * stratified folds, each fold scored by a model (idf included) trained on the other folds' real posts and every corpus
 * (and extra) row, the out-of-fold scores Platt-calibrated together, threshold and review band from them. Without the
 * category head (`categories` false) every post's category reads `other`.
 */
export function crossValidateTfidf(
  posts: readonly RealPost[],
  corpus: readonly TrainingRow[],
  options: TfidfTrainOptions = {},
  extra: readonly TrainingRow[] = [],
): CrossValidation {
  const o = withDefaults(options);
  const fold = stratifiedFolds(posts, o.folds, o.seed);
  const real = countRows(
    posts.map((p) => realRow(p, o.unsureWeight)),
    o.bits,
    o.analyzer,
  );
  const weighted = countRows([...weightedCorpus(corpus, o.corpusWeight), ...extra], o.bits, o.analyzer);
  const scores = new Array<number>(posts.length).fill(0);
  const logits = new Array<Float64Array>(posts.length);
  let model: TfidfModel | undefined;
  for (let f = 0; f < o.folds; f++) {
    const rows = [...real.filter((_, i) => fold[i] !== f), ...weighted];
    model = fitTfidfCounted(rows, { ...o, onProgress: undefined });
    for (let i = 0; i < posts.length; i++) {
      if (fold[i] !== f) continue;
      const z = new Float64Array(model.categories.length);
      scores[i] = scoreVector(model, tfidfVector(real[i].counts, model.idf), z);
      logits[i] = z;
    }
    o.onProgress?.(f + 1, o.folds);
  }
  const truth = posts.map((p) => p.emergency);
  const calibration = plattScaleSafe(scores, truth);
  const probabilities = scores.map((s) => sigmoid(calibration.a * s + calibration.b));
  const threshold = thresholdAtPrecision(truth, probabilities, o.precisionTarget);
  const reviewThreshold = Math.min(threshold, thresholdAtShare(probabilities, o.flaggedShare));
  const m = model as TfidfModel;
  const decisions = probabilities.map((p, i): TriageDecision => {
    const emergency: 0 | 1 = p >= threshold ? 1 : 0;
    return {
      emergency,
      review: !emergency && p >= reviewThreshold,
      category: o.categories ? m.categories[categoryIndexOf(m.categories, logits[i], emergency)] : 'other',
    };
  });
  return { calibration, probabilities, threshold, reviewThreshold, figures: triageFigures(posts, decisions) };
}

export interface TfidfTraining {
  model: TfidfModel;
  json: TfidfModelJson;
  crossValidation: CrossValidation;
}

/**
 * A shipped TF-IDF model: cross-validation on the real posts for calibration, threshold and review band, then one
 * model trained on every real post and every corpus and extra row. `about` goes into the file as it is (the SHA-256 of
 * the data files read, from the caller), with the options and the cross-validated figures added.
 */
export function trainOnRealPostsTfidf(
  posts: readonly RealPost[],
  corpus: readonly TrainingRow[],
  extra: readonly TrainingRow[],
  options: TfidfTrainOptions = {},
  about: Record<string, unknown> = {},
): TfidfTraining {
  const o = withDefaults(options);
  const cv = crossValidateTfidf(posts, corpus, { ...o, categories: true, onProgress: (done, total) => o.onProgress?.(done, total + 1) }, extra);
  const rows = [...posts.map((p) => realRow(p, o.unsureWeight)), ...weightedCorpus(corpus, o.corpusWeight), ...extra];
  const trained = fitTfidf(rows, { ...o, categories: true, onProgress: undefined });
  o.onProgress?.(o.folds + 1, o.folds + 1);
  trained.calibration = cv.calibration;
  trained.threshold = cv.threshold;
  trained.reviewThreshold = cv.reviewThreshold;
  const json = tfidfToJson(trained, {
    ...about,
    training: {
      realPosts: posts.length,
      corpusRows: corpus.length,
      extraRows: extra.length,
      corpusWeight: o.corpusWeight,
      unsureWeight: o.unsureWeight,
      classWeight: 'balanced',
      analyzer: o.analyzer,
      c: o.c,
      maxIterations: o.maxIterations,
      categoryEpochs: o.categoryEpochs,
      learningRate: o.learningRate,
      l2: o.l2,
      seed: o.seed,
    },
    threshold: `the most emergencies found at out-of-fold precision >= ${o.precisionTarget}, the highest such (${o.folds} stratified folds of the real posts, seed ${o.seed}), Platt-calibrated`,
    reviewThreshold: `lowest flagging (emergency or review) at most ${o.flaggedShare} of the real posts out of fold`,
    crossValidation: cv.figures,
  });
  return { model: tfidfFromJson(json), json, crossValidation: cv };
}
