import { CASCADE_FORMAT, cascadeThresholds, type CascadeModelJson } from './cascade';
import { categoryIndexOf } from './classification';
import type { RealPost } from './real-posts';
import { crossValidate, REAL_POST_OPTIONS, triageFigures, type TriageDecision, type TriageFigures } from './real-train';
import { crossValidateTfidf, TFIDF_OPTIONS } from './tfidf-train';
import type { TrainingRow } from './train';

/** A cascade version (models/README.md, "linear-16"): its two models by version and its shares. */
export interface CascadeOptions {
  first: string;
  second: string;
  /** the gate flags at most this share of the real posts out of fold by the first model */
  gateShare: number;
  precisionTarget: number;
  /** the review band flags (emergency or review) at most this share of the real posts out of fold */
  reviewShare: number;
}

export const CASCADE_OPTIONS: Readonly<Record<string, CascadeOptions>> = {
  'linear-16': { first: 'linear-10', second: 'linear-12', gateShare: 0.05, precisionTarget: 0.5, reviewShare: 0.18 },
};

export interface CascadeTraining {
  json: CascadeModelJson;
  figures: Record<string, TriageFigures>;
}

/**
 * A cascade's file from both models' cross-validation on the real posts (the same stratified folds: each model
 * calibrated on its own out-of-fold scores; the first with its category head, for the category figures). The two
 * models' own files are built apart (build.ts, `railsewa train --version`); extra rows (admins' corrections) are
 * trained on in every fold and never scored; `about` goes into the file as it is, with the figures added.
 */
export function trainCascade(
  version: string,
  posts: readonly RealPost[],
  corpus: readonly TrainingRow[],
  extra: readonly TrainingRow[] = [],
  about: Record<string, unknown> = {},
  onProgress?: (done: number, total: number) => void,
): CascadeTraining {
  const o = CASCADE_OPTIONS[version];
  if (!o) throw new Error(`no cascade ${version}`);
  const first = crossValidate(posts, corpus, {
    ...REAL_POST_OPTIONS[o.first],
    version: o.first,
    foldCategories: true,
    onProgress: (done, total) => onProgress?.(done, 2 * total),
  }, extra);
  const second = crossValidateTfidf(posts, corpus, {
    ...TFIDF_OPTIONS[o.second],
    version: o.second,
    categories: false,
    onProgress: (done, total) => onProgress?.(total + done, 2 * total),
  }, extra);
  const truth = posts.map((p) => p.emergency);
  const t = cascadeThresholds(truth, first.probabilities, second.probabilities, o);
  if (!first.categoryScores) throw new Error('the first model\'s folds gave no category scores');
  const { categories, z } = first.categoryScores;
  const decisions = t.scores.map((p, i): TriageDecision => {
    const emergency: 0 | 1 = p >= t.threshold ? 1 : 0;
    return { emergency, review: !emergency && p >= t.reviewThreshold, category: categories[categoryIndexOf(categories, z[i], emergency)] };
  });
  const figures = triageFigures(posts, decisions);
  const json: CascadeModelJson = {
    format: CASCADE_FORMAT,
    version,
    first: o.first,
    second: o.second,
    gate: t.gate,
    threshold: t.threshold,
    reviewThreshold: t.reviewThreshold,
    about: {
      ...about,
      gate: `lowest flagging at most ${o.gateShare} of the real posts out of fold by ${o.first}; at or above it the score is the mean of both models' calibrated probabilities`,
      threshold: `the most emergencies found at out-of-fold precision >= ${o.precisionTarget}, the highest such (5 stratified folds of the real posts, seed 11)`,
      reviewThreshold: `lowest flagging (emergency or review) at most ${o.reviewShare} of the real posts out of fold`,
      extraRows: extra.length,
      crossValidation: figures,
    },
  };
  return { json, figures };
}
