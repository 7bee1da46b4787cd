import { categoryIndexOf } from './classification';
import { seededRandom } from './corpus/template';
import { emptyFastText, fastTextFromJson, fastTextToJson, featuresOf, scoreFeatures, sigmoid, type FastTextModel, type FastTextModelJson } from './fasttext';
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
import type { TrainingRow } from './train';

/** fasttext-1's training (models/README.md, "fasttext-1"). */
export interface FastTextTrainOptions {
  version?: string;
  dim?: number;
  bits?: number;
  epochs?: number;
  learningRate?: number;
  seed?: number;
  /** what a missed emergency costs against a false alarm; 'balanced' evens out the classes' summed row weights */
  positiveWeight?: number | 'balanced';
  /** what one corpus row counts against one real post (cross-validation and trainOnRealPostsFastText) */
  corpusWeight?: number;
  /** what a real post labelled as a judgement call counts */
  unsureWeight?: number;
  folds?: number;
  precisionTarget?: number;
  flaggedShare?: number;
  /** whether the category head is trained (and shapes the table); always in a shipped model */
  categories?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export const FASTTEXT_DEFAULTS = {
  version: 'fasttext-1',
  dim: 32,
  bits: 18,
  epochs: 5,
  learningRate: 0.05,
  seed: 11,
  positiveWeight: 'balanced' as number | 'balanced',
  corpusWeight: 1,
  unsureWeight: 0.5,
  folds: 5,
  precisionTarget: 0.5,
  flaggedShare: 0.1,
  categories: true,
};

/**
 * The options of the fasttext versions, chosen by cross-validation on the real training posts (models/README.md):
 * fasttext-1 is candidate 3 (d 64). It did not pass the switching rule and no file of it is shipped; `npx tsx
 * src/classify/models/build.ts fasttext-1` builds one.
 */
export const FASTTEXT_OPTIONS: Readonly<Record<string, FastTextTrainOptions>> = {
  'fasttext-1': { dim: 64, epochs: 5, corpusWeight: 1 },
};

type Options = typeof FASTTEXT_DEFAULTS & FastTextTrainOptions;

function withDefaults(options: FastTextTrainOptions): Options {
  return { ...FASTTEXT_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Options;
}

interface Item {
  x: Int32Array;
  emergency: 0 | 1;
  /** -1: the row does not teach the category */
  category: number;
  weight: number;
}

const EPS = 1e-8;

/**
 * One model trained on every row (no calibration: a = 1, b = 0, threshold 0.5 until the caller sets them). AdaGrad
 * steps: one accumulator per table row (the mean of its squared gradient), one per head weight; rows in a seeded
 * shuffled order each epoch; the table starts uniform in ±1/dim from the seed, the heads at zero.
 */
export function fitFastText(rows: readonly TrainingRow[], options: FastTextTrainOptions = {}): FastTextModel {
  const o = withDefaults(options);
  const model = emptyFastText(o.version, o.dim, o.bits);
  const d = o.dim;
  const n = model.categories.length;
  const items: Item[] = rows.map((r) => {
    const category = model.categories.indexOf(r.category);
    if (category < 0) throw new Error(`unknown category ${r.category} in training row`);
    return { x: featuresOf(r.text, o.bits), emergency: r.emergency, category: o.categories && r.categorised !== false ? category : -1, weight: r.weight ?? 1 };
  });
  let positives = 0;
  let negatives = 0;
  for (const i of items) {
    if (i.emergency) positives += i.weight;
    else negatives += i.weight;
  }
  const positive = o.positiveWeight === 'balanced' ? negatives / Math.max(positives, 1e-9) : o.positiveWeight;

  const random = seededRandom(o.seed);
  for (let i = 0; i < model.table.length; i++) model.table[i] = ((random() * 2 - 1) / d);
  const rowG = new Float32Array(1 << o.bits);
  const eG = new Float64Array(d);
  let eBiasG = 0;
  const cG = new Float64Array(n * d);
  const cBiasG = new Float64Array(n);

  const v = new Float64Array(d);
  const grad = new Float64Array(d);
  const p = new Float64Array(n);
  const lr = o.learningRate;
  const order = items.map((_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const index of order) {
      const item = items[index];
      const x = item.x;
      if (x.length === 0) continue;
      const inv = 1 / x.length;
      v.fill(0);
      for (let f = 0; f < x.length; f++) {
        const at = x[f] * d;
        for (let j = 0; j < d; j++) v[j] += model.table[at + j];
      }
      for (let j = 0; j < d; j++) v[j] *= inv;
      grad.fill(0);
      // Emergency: weighted logistic loss
      let e = model.emergencyBias;
      for (let j = 0; j < d; j++) e += v[j] * model.emergencyHead[j];
      const w = item.weight * (item.emergency ? positive : 1);
      const de = w * (sigmoid(e) - item.emergency);
      for (let j = 0; j < d; j++) {
        grad[j] += de * model.emergencyHead[j];
        const g = de * v[j];
        eG[j] += g * g;
        model.emergencyHead[j] -= (lr * g) / Math.sqrt(eG[j] + EPS);
      }
      eBiasG += de * de;
      model.emergencyBias -= (lr * de) / Math.sqrt(eBiasG + EPS);
      // category: softmax loss
      if (item.category >= 0) {
        let max = -Infinity;
        for (let k = 0; k < n; k++) {
          let s = model.categoryBias[k];
          const at = k * d;
          for (let j = 0; j < d; j++) s += v[j] * model.categoryHead[at + j];
          p[k] = s;
          if (s > max) max = s;
        }
        let sum = 0;
        for (let k = 0; k < n; k++) sum += (p[k] = Math.exp(p[k] - max));
        for (let k = 0; k < n; k++) {
          const dz = item.weight * (p[k] / sum - (k === item.category ? 1 : 0));
          const at = k * d;
          for (let j = 0; j < d; j++) {
            grad[j] += dz * model.categoryHead[at + j];
            const g = dz * v[j];
            cG[at + j] += g * g;
            model.categoryHead[at + j] -= (lr * g) / Math.sqrt(cG[at + j] + EPS);
          }
          cBiasG[k] += dz * dz;
          model.categoryBias[k] -= (lr * dz) / Math.sqrt(cBiasG[k] + EPS);
        }
      }
      // the table: every feature's row gets grad / (number of features)
      let g2 = 0;
      for (let j = 0; j < d; j++) {
        grad[j] *= inv;
        g2 += grad[j] * grad[j];
      }
      g2 /= d;
      for (let f = 0; f < x.length; f++) {
        const r = x[f];
        rowG[r] += g2;
        const step = lr / Math.sqrt(rowG[r] + EPS);
        const at = r * d;
        for (let j = 0; j < d; j++) model.table[at + j] -= step * grad[j];
      }
    }
    o.onProgress?.(epoch + 1, o.epochs);
  }
  return model;
}

/**
 * k-fold cross-validation on the real posts, as linear-8 to linear-10's (real-train.ts crossValidate): the same
 * stratified folds, each fold scored by a model trained on the other folds' real posts and every corpus (and extra)
 * row, the out-of-fold scores Platt-calibrated together, threshold and review band from them.
 */
export function crossValidateFastText(
  posts: readonly RealPost[],
  corpus: readonly TrainingRow[],
  options: FastTextTrainOptions = {},
  extra: readonly TrainingRow[] = [],
): CrossValidation {
  const o = withDefaults(options);
  const fold = stratifiedFolds(posts, o.folds, o.seed);
  const real = posts.map((p) => realRow(p, o.unsureWeight));
  const weighted = [...weightedCorpus(corpus, o.corpusWeight), ...extra];
  const scores = new Array<number>(posts.length).fill(0);
  const categories = new Array<Float64Array>(posts.length);
  let model: FastTextModel | undefined;
  for (let f = 0; f < o.folds; f++) {
    const rows = [...real.filter((_, i) => fold[i] !== f), ...weighted];
    model = fitFastText(rows, { ...o, onProgress: (done, total) => o.onProgress?.(f * total + done, o.folds * total) });
    for (let i = 0; i < posts.length; i++) {
      if (fold[i] !== f) continue;
      const z = new Float64Array(model.categories.length);
      scores[i] = scoreFeatures(model, featuresOf(posts[i].text, o.bits), z);
      categories[i] = z;
    }
  }
  const truth = posts.map((p) => p.emergency);
  const calibration = plattScaleSafe(scores, truth);
  const probabilities = scores.map((s) => sigmoid(calibration.a * s + calibration.b));
  const threshold = thresholdAtPrecision(truth, probabilities, o.precisionTarget);
  const reviewThreshold = Math.min(threshold, thresholdAtShare(probabilities, o.flaggedShare));
  const m = model as FastTextModel;
  const decisions = probabilities.map((p, i): TriageDecision => {
    const emergency: 0 | 1 = p >= threshold ? 1 : 0;
    return { emergency, review: !emergency && p >= reviewThreshold, category: m.categories[categoryIndexOf(m.categories, categories[i], emergency)] };
  });
  return { calibration, probabilities, threshold, reviewThreshold, figures: triageFigures(posts, decisions) };
}

export interface FastTextTraining {
  model: FastTextModel;
  json: FastTextModelJson;
  crossValidation: CrossValidation;
}

/**
 * A shipped fasttext model: cross-validation on the real posts for calibration, threshold and review band, then one
 * model trained on every real post and every corpus and extra row. `about` goes into the file as it is (the SHA-256
 * of the data files read, from the caller), with the options and the cross-validated figures added.
 */
export function trainOnRealPostsFastText(
  posts: readonly RealPost[],
  corpus: readonly TrainingRow[],
  extra: readonly TrainingRow[],
  options: FastTextTrainOptions = {},
  about: Record<string, unknown> = {},
): FastTextTraining {
  const o = withDefaults(options);
  const cv = crossValidateFastText(posts, corpus, o, extra);
  const rows = [...posts.map((p) => realRow(p, o.unsureWeight)), ...weightedCorpus(corpus, o.corpusWeight), ...extra];
  const trained = fitFastText(rows, o);
  trained.calibration = cv.calibration;
  trained.threshold = cv.threshold;
  trained.reviewThreshold = cv.reviewThreshold;
  const json = fastTextToJson(trained, {
    ...about,
    training: {
      realPosts: posts.length,
      corpusRows: corpus.length,
      extraRows: extra.length,
      corpusWeight: o.corpusWeight,
      unsureWeight: o.unsureWeight,
      positiveWeight: o.positiveWeight,
      dim: o.dim,
      bits: o.bits,
      epochs: o.epochs,
      learningRate: o.learningRate,
      seed: o.seed,
    },
    threshold: `the most emergencies found at out-of-fold precision >= ${o.precisionTarget}, the highest such (${o.folds} stratified folds of the real posts, seed ${o.seed}), Platt-calibrated`,
    reviewThreshold: `lowest flagging (emergency or review) at most ${o.flaggedShare} of the real posts out of fold`,
    crossValidation: cv.figures,
  });
  return { model: fastTextFromJson(json), json, crossValidation: cv };
}
