import { classifierOf, loadAnyModel, modelPath } from './model-file';
import { classifyWithRules, RULES_MODEL_VERSION } from './rules';
import type { Classification } from './types';

export * from './types';
export { cleanText, detectLanguage } from './clean';
export { extract, extractBerth, extractCoach, extractPnr, extractTrain } from './extract';
export { classifyWithRules, RULES_MODEL_VERSION } from './rules';
export { classifyWithModel, modelFromJson, modelToJson, type LinearModel, type LinearModelJson } from './linear';
export { classifyWithNgram, ngramFromJson, ngramToJson, type NgramModel, type NgramModelJson } from './ngram';
export { trainNgram, type NgramTrainOptions } from './ngram-train';
export { train, type TrainingRow, type TrainOptions } from './train';
export {
  classifyWithFastText,
  fastTextFromJson,
  fastTextToJson,
  FASTTEXT_FORMAT,
  type FastTextModel,
  type FastTextModelJson,
} from './fasttext';
export {
  classifierOf,
  isModelVersion,
  loadAnyModel,
  loadCorpus,
  loadModel,
  loadNgramModel,
  modelPath,
  trainFromCorpus,
  writeModel,
  type TrainedModel,
} from './model-file';

/**
 * The model `classify` uses: linear-16, a cascade (cascade.ts). linear-10 (linear-7's features, Emergency hashed into
 * 2^22 buckets, trained on the real labelled posts of ../shared/data/railway_posts_train.csv and the corpus) scores
 * every post; the posts it ranks in the top 5% of the real posts out of fold are also scored by a TF-IDF model of the
 * raw text (linear-12's), and the mean of both calibrated probabilities decides, against an emergency threshold and a
 * review band (18% of the real posts flagged) set by 5-fold cross-validation on the real posts. Categories are
 * linear-10's. By the switching rule (src/classify/models/README.md, "linear-16") it replaces linear-15: 69 emergencies
 * found at out-of-fold precision 0.5 against 63 (72 against 59 on a second partition), the same flagged recall.
 * rules-1, linear-1 to linear-7, linear-9, linear-10, linear-12 and linear-15 are available by version
 * (`CLASSIFIER_MODEL=linear-15` rolls back).
 */
export const CURRENT_MODEL_VERSION = 'linear-16';

let current: ((text: string) => Classification) | undefined;

/** Classifies one complaint text with the current model (loaded on first use). */
export function classify(text: string): Classification {
  current ??= classifierOf(loadAnyModel(modelPath(CURRENT_MODEL_VERSION)));
  return current(text);
}

const loadedClassifiers = new Map<string, (text: string) => Classification>();

/** A classifier by model version ("rules-1" or a model file in src/classify/models), for replays. */
export function classifierFor(version: string): (text: string) => Classification {
  if (version === RULES_MODEL_VERSION) return classifyWithRules;
  if (version === CURRENT_MODEL_VERSION) return classify;
  // Each model file is read once per process: the classifier and the bot of one `serve` share it.
  let classifier = loadedClassifiers.get(version);
  if (!classifier) {
    classifier = classifierOf(loadAnyModel(modelPath(version)));
    loadedClassifiers.set(version, classifier);
  }
  return classifier;
}
