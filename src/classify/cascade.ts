import { classifyWithNgramAs, type NgramModel } from './ngram';
import { thresholdAtPrecision, thresholdAtShare } from './real-train';
import type { TfidfModel } from './tfidf';
import { tfidfEmergencyProbability } from './tfidf-emergency';
import type { Classification } from './types';

/**
 * linear-16 (models/README.md, "linear-16"): a cascade. linear-10 scores every post; a post it ranks at or above the
 * gate is also scored by the TF-IDF model, and its score is the mean of the two calibrated probabilities. Categories,
 * priority and keywords are the first model's.
 */
export const CASCADE_FORMAT = 'railsewa-cascade-1';

/** The cascade's score of a post: p10 under the gate, else the mean of p10 and the second model's probability. */
export function cascadeScore(p10: number, gate: number, second: () => number): number {
  return p10 >= gate ? (p10 + second()) / 2 : p10;
}

export interface CascadeThresholds {
  gate: number;
  threshold: number;
  reviewThreshold: number;
  /** the cascade's score of every post */
  scores: number[];
}

/**
 * The cascade's gate, emergency threshold and review band from both models' out-of-fold probabilities: the gate flags
 * at most `gateShare` of the posts by the first model, the threshold finds the most at precision `precisionTarget`,
 * the band flags (emergency or review) at most `reviewShare`.
 */
export function cascadeThresholds(
  truth: readonly (0 | 1)[],
  first: readonly number[],
  second: readonly number[],
  o: { gateShare: number; precisionTarget: number; reviewShare: number },
): CascadeThresholds {
  const gate = thresholdAtShare(first, o.gateShare);
  const scores = first.map((p, i) => cascadeScore(p, gate, () => second[i]));
  const threshold = thresholdAtPrecision(truth, scores, o.precisionTarget);
  return { gate, threshold, reviewThreshold: Math.min(threshold, thresholdAtShare(scores, o.reviewShare)), scores };
}

/** The cascade file: the two models by version (their own files beside it), the gate and the thresholds. */
export interface CascadeModelJson {
  format: typeof CASCADE_FORMAT;
  version: string;
  /** a `railsewa-linear-2` model's version: it scores every post and gives the category */
  first: string;
  /** a `railsewa-tfidf-1` model's version: it scores the posts at or above the gate */
  second: string;
  gate: number;
  threshold: number;
  reviewThreshold: number;
  about?: Record<string, unknown>;
}

export interface CascadeModel {
  version: string;
  first: NgramModel;
  second: TfidfModel;
  gate: number;
  threshold: number;
  reviewThreshold: number;
}

export function classifyWithCascade(model: CascadeModel, text: string): Classification {
  const { first, second, gate } = model;
  return classifyWithNgramAs(first, text, model.version, model.threshold, model.reviewThreshold, (p, t) =>
    cascadeScore(p, gate, () => tfidfEmergencyProbability(second, t)),
  );
}
