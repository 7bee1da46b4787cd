import { seededRandom } from './corpus/template';
import { extractFeatures, type Features } from './features';
import { emptyModel, featureValues, scoreFeatures, softmaxInPlace, type LinearModel } from './linear';
import { binaryScores, fBeta } from './metrics';
import { splitByGroup } from './split';
import type { Category } from './types';

export interface TrainingRow {
  text: string;
  emergency: 0 | 1;
  category: Category;
  /** rows sharing a group stay together when a validation split is taken */
  group?: string;
  /** how much the row counts while learning (linear-2 and later; 1 unless given) */
  weight?: number;
  /** false: the row teaches Emergency only, not the category (a real post that is not a complaint) */
  categorised?: boolean;
}

export interface TrainOptions {
  version?: string;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** weight of the rule classifier's features against the n-grams */
  ruleValue?: number;
  /** how much more a missed emergency costs than a false alarm while learning */
  positiveWeight?: number;
  seed?: number;
  /** a number, or 'auto': the best F2 threshold on a group-split validation part of the rows */
  threshold?: number | 'auto';
  /** called after every epoch of every run (the threshold's validation run counts too): steps done of all steps */
  onProgress?: (done: number, total: number) => void;
}

const DEFAULTS = {
  version: 'linear-1',
  epochs: 12,
  learningRate: 0.5,
  l2: 5e-4,
  positiveWeight: 2,
  ruleValue: 1,
  seed: 7,
  threshold: 'auto' as number | 'auto',
};

interface Example {
  features: Features;
  emergency: 0 | 1;
  category: number;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Logistic regression and softmax regression by AdaGrad over hashed features; deterministic for a seed. */
function fit(examples: Example[], options: typeof DEFAULTS, threshold: number, onEpoch?: (epoch: number) => void) {
  const model = emptyModel(options.version, threshold, options.ruleValue);
  const n = model.categories.length;
  const gE = new Float32Array(model.emergencyWeights.length);
  const gC = new Float32Array(model.categoryWeights.length);
  const gBias = new Float64Array(n + 1);
  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  const { learningRate: lr, l2 } = options;
  const step = (g: number, acc: Float32Array | Float64Array, i: number) => {
    acc[i] += g * g;
    return (lr * g) / (Math.sqrt(acc[i]) + 1e-8);
  };
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (const k of shuffle(order, random)) {
      const { features, emergency, category } = examples[k];
      const { all, words } = featureValues(features);
      const scores = scoreFeatures(model, features);
      softmaxInPlace(scores.categories);
      const ge = (scores.emergency - emergency) * (emergency ? options.positiveWeight : 1);
      model.emergencyBias -= step(ge, gBias, n);
      for (let c = 0; c < n; c++) {
        const gc = scores.categories[c] - (c === category ? 1 : 0);
        model.categoryBias[c] -= step(gc, gBias, c);
      }
      const updateEmergency = (id: number, x: number) => {
        model.emergencyWeights[id] -= step(ge * x + l2 * model.emergencyWeights[id], gE, id);
      };
      const updateCategory = (id: number, x: number) => {
        const base = id * n;
        for (let c = 0; c < n; c++) {
          const gc = (scores.categories[c] - (c === category ? 1 : 0)) * x + l2 * model.categoryWeights[base + c];
          model.categoryWeights[base + c] -= step(gc, gC, base + c);
        }
      };
      for (const id of features.charIds) updateEmergency(id, all);
      for (const id of features.wordIds) {
        updateEmergency(id, all);
        updateCategory(id, words);
      }
      for (const id of features.ruleIds) {
        updateEmergency(id, model.ruleValue);
        updateCategory(id, model.ruleValue);
      }
    }
    onEpoch?.(epoch);
  }
  return model;
}

function toExamples(rows: readonly TrainingRow[], categories: readonly Category[]): Example[] {
  return rows.map((r) => {
    const category = categories.indexOf(r.category);
    if (category < 0) throw new Error(`unknown category ${r.category} in training row: ${r.text}`);
    return { features: extractFeatures(r.text), emergency: r.emergency, category };
  });
}

/** The threshold with the best F2 on held-back rows: recall counts four times as much as precision. */
export function pickThreshold(truth: readonly (0 | 1)[], probabilities: readonly number[]): number {
  let best = 0.5;
  let bestScore = -1;
  for (let k = 5; k <= 95; k++) {
    const t = k / 100;
    const s = binaryScores(truth, probabilities.map((p) => (p >= t ? 1 : 0)));
    const score = fBeta(s.precision, s.recall, 2);
    if (score > bestScore + 1e-9) {
      bestScore = score;
      best = t;
    }
  }
  return best;
}

/** Trains the Emergency and category model on labelled rows. */
export function train(rows: readonly TrainingRow[], options: TrainOptions = {}): LinearModel {
  const o = { ...DEFAULTS, ...options };
  const categories = emptyModel(o.version).categories;
  let threshold = typeof o.threshold === 'number' ? o.threshold : 0.5;
  const runs = o.threshold === 'auto' ? 2 : 1;
  let done = 0;
  const onEpoch = () => o.onProgress?.(++done, runs * o.epochs);
  if (o.threshold === 'auto') {
    const grouped = rows.map((r, i) => ({ ...r, group: r.group ?? `row:${i}` }));
    const { train: part, test: validation } = splitByGroup(grouped, 0.2, `validation:${o.seed}`);
    const probe = fit(toExamples(part, categories), o, 0.5, onEpoch);
    const examples = toExamples(validation, categories);
    threshold = pickThreshold(
      examples.map((e) => e.emergency),
      examples.map((e) => scoreFeatures(probe, e.features).emergency),
    );
  }
  return fit(toExamples(rows, categories), o, threshold, onEpoch);
}
