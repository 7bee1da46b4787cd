import { categoryIndexOf } from './classification';
import { binaryScores, fBeta, macroF1 } from './metrics';
import { exampleOf, ngramFromJson, ngramToJson, scoreExample, sigmoid, type NgramModel, type NgramModelJson } from './ngram';
import { fitNgram, type NgramTrainOptions } from './ngram-train';
import type { RealPost } from './real-posts';
import { inTestSplit } from './split';
import type { TrainingRow } from './train';
import type { Category } from './types';

/**
 * linear-8: a model trained on real labelled posts and the project's corpus, chosen, calibrated and thresholded by
 * k-fold cross-validation on the real posts only (models/README.md, "linear-8").
 */
export interface RealTrainOptions {
  version?: string;
  /** what one corpus row counts against one real post */
  corpusWeight?: number;
  /** what a real post labelled as a judgement call (sure = 0) counts */
  unsureWeight?: number;
  positiveWeight?: number | 'balanced';
  folds?: number;
  seed?: number;
  epochs?: number;
  l2?: number;
  /** the Emergency head's hash size, in bits (18 unless given) */
  emergencyBits?: number;
  /** the emergency threshold is the lowest whose out-of-fold precision reaches this */
  precisionTarget?: number;
  /** the review band starts at the lowest threshold that flags (emergency or review) at most this share of the posts */
  flaggedShare?: number;
  /** the Emergency head's training (ngram-train.ts): `adagrad` (linear-8 to linear-10) or `lbfgs` (linear-14), its c */
  emergencySolver?: 'adagrad' | 'lbfgs';
  c?: number;
  /** whether the folds train the category head too (for the category figures; about three times slower) */
  foldCategories?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export const REAL_DEFAULTS = {
  version: 'linear-8',
  corpusWeight: 1,
  unsureWeight: 1,
  positiveWeight: 'balanced' as number | 'balanced',
  folds: 5,
  seed: 11,
  epochs: 10,
  l2: 1e-5,
  precisionTarget: 0.5,
  flaggedShare: 0.1,
  foldCategories: true,
};

/** A real post as a training row: its category teaches the category head only when it is a complaint. */
export function realRow(post: RealPost, unsureWeight = 1): TrainingRow {
  return {
    text: post.text,
    emergency: post.emergency,
    category: post.category === 'none' ? 'other' : post.category,
    group: `real:${post.id}`,
    weight: post.sure ? 1 : unsureWeight,
    categorised: post.isComplaint && post.category !== 'none',
  };
}

/**
 * Stratified folds: each class's posts ordered by a hash of their id (with the seed), then dealt round-robin, so every
 * fold has its share of the few emergencies.
 */
export function stratifiedFolds(posts: readonly RealPost[], folds: number, seed: number): number[] {
  const fold = new Array<number>(posts.length).fill(0);
  const key = (id: string) => {
    // inTestSplit's hash, read as a number in [0, 1)
    let lo = 0;
    let hi = 1;
    for (let bit = 0; bit < 24; bit++) {
      const mid = (lo + hi) / 2;
      if (inTestSplit(id, mid, `stratified:${seed}`)) hi = mid;
      else lo = mid;
    }
    return lo;
  };
  for (const label of [1, 0]) {
    const members = posts.map((p, i) => [i, key(p.id)] as const).filter(([i]) => posts[i].emergency === label);
    members.sort((a, b) => a[1] - b[1] || posts[a[0]].id.localeCompare(posts[b[0]].id));
    members.forEach(([i], k) => (fold[i] = k % folds));
  }
  return fold;
}

/**
 * Platt scaling with a backtracking line search (Lin, Lin and Weng, 2007): plain Newton steps (ngram-train.ts's
 * plattScale) can overshoot on scores as spread out as those of a model with a heavy emergency weight.
 */
export function plattScaleSafe(scores: readonly number[], truth: readonly (0 | 1)[]): { a: number; b: number } {
  const pos = truth.filter((t) => t === 1).length;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (truth.length - pos + 2);
  const loss = (a: number, b: number) => {
    let sum = 0;
    for (let i = 0; i < scores.length; i++) {
      const f = a * scores[i] + b;
      const y = truth[i] ? hi : lo;
      // log(1 + exp(f)) - y f, computed without overflow
      sum += (f > 0 ? f + Math.log1p(Math.exp(-f)) : Math.log1p(Math.exp(f))) - y * f;
    }
    return sum;
  };
  let a = 1;
  let b = 0;
  let current = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
    for (let i = 0; i < scores.length; i++) {
      const q = sigmoid(a * scores[i] + b);
      const d = q - (truth[i] ? hi : lo);
      const h = Math.max(q * (1 - q), 1e-12);
      ga += d * scores[i];
      gb += d;
      haa += h * scores[i] * scores[i];
      hab += h * scores[i];
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    let step = 1;
    while (step > 1e-10 && loss(a - step * da, b - step * db) > current + 1e-4 * step * -(ga * da + gb * db)) step /= 2;
    if (step <= 1e-10) break;
    a -= step * da;
    b -= step * db;
    const next = loss(a, b);
    if (Math.abs(current - next) < 1e-9 * Math.max(1, Math.abs(current))) break;
    current = next;
  }
  return { a, b };
}

/**
 * The threshold (one of the probabilities) with the highest recall among those whose precision reaches `target`, the
 * highest of them on a tie (going lower past the last emergency found adds only false alarms); the best-F2 one if no
 * threshold reaches `target`.
 */
export function thresholdAtPrecision(truth: readonly (0 | 1)[], probabilities: readonly number[], target: number): number {
  const order = probabilities.map((p, i) => [p, truth[i]] as const).sort((a, b) => b[0] - a[0]);
  const positives = truth.filter((t) => t === 1).length;
  let tp = 0;
  let fp = 0;
  let found: number | undefined;
  let foundTp = 0;
  let bestF2 = -1;
  let bestF2At = 0.5;
  for (let k = 0; k < order.length; k++) {
    if (order[k][1] === 1) tp++;
    else fp++;
    // a threshold sits between distinct probabilities
    if (k + 1 < order.length && order[k + 1][0] === order[k][0]) continue;
    const precision = tp / (tp + fp);
    if (precision >= target && tp > foundTp) {
      found = order[k][0];
      foundTp = tp;
    }
    const f2 = fBeta(precision, tp / Math.max(positives, 1), 2);
    if (f2 > bestF2) {
      bestF2 = f2;
      bestF2At = order[k][0];
    }
  }
  return found ?? bestF2At;
}

/** The lowest threshold (one of the probabilities, or 1 when none fits) that flags at most `share` of the posts. */
export function thresholdAtShare(probabilities: readonly number[], share: number): number {
  const order = [...probabilities].sort((a, b) => b - a);
  const budget = Math.floor(share * order.length);
  let at = 1;
  for (let k = 0; k < order.length; k++) {
    if (k + 1 < order.length && order[k + 1] === order[k]) continue;
    if (k + 1 > budget) break;
    at = order[k];
  }
  return at;
}

export interface TriageFigures {
  posts: number;
  emergencies: number;
  precision: number;
  recall: number;
  f1: number;
  /** recall of emergency or review */
  flaggedRecall: number;
  /** share of the posts flagged emergency or review */
  flaggedShare: number;
  complaints: number;
  categoryMacroF1: number;
}

export interface TriageDecision {
  emergency: 0 | 1;
  review: boolean;
  category: Category;
}

export const LANGUAGES = ['en', 'hi', 'hinglish', 'mixed'] as const;

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The figures for a set of posts and their decisions: all posts, then each language. */
export function triageFigures(posts: readonly RealPost[], decisions: readonly TriageDecision[]): Record<string, TriageFigures> {
  const of = (keep: (p: RealPost) => boolean): TriageFigures => {
    const rows = posts.map((p, i) => [p, decisions[i]] as const).filter(([p]) => keep(p));
    const b = binaryScores(rows.map(([p]) => p.emergency), rows.map(([, d]) => d.emergency));
    const flagged = rows.filter(([, d]) => d.emergency === 1 || d.review);
    const emergencies = rows.filter(([p]) => p.emergency === 1);
    const complaints = rows.filter(([p]) => p.isComplaint && p.category !== 'none');
    return {
      posts: rows.length,
      emergencies: emergencies.length,
      precision: round(b.precision),
      recall: round(b.recall),
      f1: round(b.f1),
      flaggedRecall: round(emergencies.length ? emergencies.filter(([, d]) => d.emergency === 1 || d.review).length / emergencies.length : 0),
      flaggedShare: round(rows.length ? flagged.length / rows.length : 0),
      complaints: complaints.length,
      categoryMacroF1: round(macroF1(complaints.map(([p]) => p.category), complaints.map(([, d]) => d.category))),
    };
  };
  return Object.fromEntries([['all', of(() => true)], ...LANGUAGES.map((l) => [l, of((p) => p.language === l)])]);
}

export interface CrossValidation {
  /** Platt calibration of the out-of-fold scores */
  calibration: { a: number; b: number };
  /** calibrated out-of-fold probability of every real post */
  probabilities: number[];
  threshold: number;
  reviewThreshold: number;
  /** the out-of-fold decisions' figures (category figures only when the folds trained the category head) */
  figures: Record<string, TriageFigures>;
  /** every post's out-of-fold category scores, in the order of `categories` (when the folds trained the category head) */
  categoryScores?: { categories: Category[]; z: Float64Array[] };
}

/** The corpus rows, each counting `weight` (rows of weight 0 are left out). */
export function weightedCorpus(corpus: readonly TrainingRow[], weight: number): TrainingRow[] {
  return weight > 0 ? corpus.map((r) => ({ ...r, weight: (r.weight ?? 1) * weight })) : [];
}

function trainOptions(o: typeof REAL_DEFAULTS & RealTrainOptions): NgramTrainOptions {
  return {
    version: o.version,
    epochs: o.epochs,
    l2: o.l2,
    seed: o.seed,
    positiveWeight: o.positiveWeight,
    emergencyBits: o.emergencyBits,
    emergencySolver: o.emergencySolver,
    c: o.c,
  };
}

/**
 * k-fold cross-validation on the real posts: each fold's posts are scored by a model trained on the other folds' real
 * posts and every corpus (and extra) row; the corpus is never scored.
 */
export function crossValidate(
  posts: readonly RealPost[],
  corpus: readonly TrainingRow[],
  options: RealTrainOptions = {},
  extra: readonly TrainingRow[] = [],
): CrossValidation {
  const o = { ...REAL_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof REAL_DEFAULTS &
    RealTrainOptions;
  const fold = stratifiedFolds(posts, o.folds, o.seed);
  const real = posts.map((p) => realRow(p, o.unsureWeight));
  const weighted = [...weightedCorpus(corpus, o.corpusWeight), ...extra];
  const scores = new Array<number>(posts.length).fill(0);
  const logits: Float64Array[] = new Array<Float64Array>(posts.length);
  let model: NgramModel | undefined;
  for (let f = 0; f < o.folds; f++) {
    const rows = [...real.filter((_, i) => fold[i] !== f), ...weighted];
    model = fitNgram(rows, { ...trainOptions(o), onProgress: (done, total) => o.onProgress?.(f * total + done, o.folds * total) }, o.foldCategories);
    for (let i = 0; i < posts.length; i++) {
      if (fold[i] !== f) continue;
      const s = scoreExample(model, exampleOf(model, posts[i].text), o.foldCategories);
      scores[i] = s.e;
      logits[i] = s.z;
    }
  }
  const truth = posts.map((p) => p.emergency);
  const calibration = plattScaleSafe(scores, truth);
  const probabilities = scores.map((s) => sigmoid(calibration.a * s + calibration.b));
  const threshold = thresholdAtPrecision(truth, probabilities, o.precisionTarget);
  const reviewThreshold = Math.min(threshold, thresholdAtShare(probabilities, o.flaggedShare));
  const { categories } = model as NgramModel;
  const decisions = probabilities.map((p, i): TriageDecision => {
    const emergency: 0 | 1 = p >= threshold ? 1 : 0;
    return { emergency, review: !emergency && p >= reviewThreshold, category: categories[categoryIndexOf(categories, logits[i], emergency)] };
  });
  return {
    calibration,
    probabilities,
    threshold,
    reviewThreshold,
    figures: triageFigures(posts, decisions),
    ...(o.foldCategories ? { categoryScores: { categories, z: logits } } : {}),
  };
}

export interface RealTraining {
  model: NgramModel;
  json: NgramModelJson;
  crossValidation: CrossValidation;
}

/**
 * The shipped model: cross-validation on the real posts for calibration, threshold and review band, then both heads
 * trained on every real post and every corpus and extra row. `about` is written into the file as it is, with the
 * cross-validated figures and thresholds added.
 */
export function trainOnRealPosts(
  posts: readonly RealPost[],
  corpus: readonly TrainingRow[],
  extra: readonly TrainingRow[],
  options: RealTrainOptions = {},
  about: Record<string, unknown> = {},
): RealTraining {
  const o = { ...REAL_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof REAL_DEFAULTS &
    RealTrainOptions;
  const progress = (offset: number, parts: number) => (done: number, total: number) => o.onProgress?.(offset * total + done, parts * total);
  const cv = crossValidate(posts, corpus, { ...o, onProgress: progress(0, 2) }, extra);
  const rows = [...posts.map((p) => realRow(p, o.unsureWeight)), ...weightedCorpus(corpus, o.corpusWeight), ...extra];
  const trained = fitNgram(rows, { ...trainOptions(o), onProgress: progress(1, 2) }, true);
  trained.calibration = cv.calibration;
  trained.threshold = cv.threshold;
  trained.reviewThreshold = cv.reviewThreshold;
  const json = ngramToJson(trained, {
    ...about,
    training: {
      realPosts: posts.length,
      corpusRows: corpus.length,
      extraRows: extra.length,
      corpusWeight: o.corpusWeight,
      unsureWeight: o.unsureWeight,
      positiveWeight: o.positiveWeight,
      epochs: o.epochs,
      l2: o.l2,
      seed: o.seed,
      ...(o.emergencySolver === 'lbfgs' ? { emergencySolver: 'lbfgs', c: o.c, emergencyClassWeight: 'balanced' } : {}),
    },
    threshold: `the most emergencies found at out-of-fold precision >= ${o.precisionTarget}, the highest such (${o.folds} stratified folds of the real posts, seed ${o.seed}), Platt-calibrated`,
    reviewThreshold: `lowest flagging (emergency or review) at most ${o.flaggedShare} of the real posts out of fold`,
    crossValidation: cv.figures,
  });
  return { model: ngramFromJson(json), json, crossValidation: cv };
}

/**
 * The options of the versions trained on real posts, chosen by cross-validation on the real training posts under the
 * rules in models/README.md: linear-8 (corpus weight 1, emergencies balanced, judgement calls 0.5), linear-9
 * (linear-8 with L2 1e-4) and linear-10 (linear-9 with Emergency features hashed into 2^22 buckets).
 */
export const REAL_POST_OPTIONS: Readonly<Record<string, RealTrainOptions>> = {
  'linear-8': { corpusWeight: 1, positiveWeight: 'balanced', unsureWeight: 0.5, epochs: 10, l2: 1e-5 },
  'linear-9': { corpusWeight: 1, positiveWeight: 'balanced', unsureWeight: 0.5, epochs: 10, l2: 1e-4 },
  'linear-10': { corpusWeight: 1, positiveWeight: 'balanced', unsureWeight: 0.5, epochs: 10, l2: 1e-4, emergencyBits: 22 },
  'linear-14': { corpusWeight: 1, positiveWeight: 'balanced', unsureWeight: 0.5, epochs: 10, l2: 1e-4, emergencyBits: 22, emergencySolver: 'lbfgs', c: 10 },
  'linear-15': { corpusWeight: 1, positiveWeight: 'balanced', unsureWeight: 0.5, epochs: 10, l2: 1e-4, emergencyBits: 22, flaggedShare: 0.18 },
};
