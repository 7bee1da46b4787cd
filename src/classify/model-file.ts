import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CASCADE_FORMAT, classifyWithCascade, type CascadeModel, type CascadeModelJson } from './cascade';
import { CASCADE_OPTIONS, trainCascade } from './cascade-train';
import { CORPUS_FILE } from './corpus/file';
import type { CorpusRow } from './corpus/generate';
import { classifyWithFastText, FASTTEXT_FORMAT, fastTextFromJson, type FastTextModel, type FastTextModelJson } from './fasttext';
import { FASTTEXT_OPTIONS, trainOnRealPostsFastText, type FastTextTrainOptions } from './fasttext-train';
import { classifyWithModel, modelFromJson, type LinearModel, type LinearModelJson } from './linear';
import { findSharedFile, loadRealPosts, REAL_TRAIN_FILE, sha256Of } from './real-posts';
import { REAL_POST_OPTIONS, trainOnRealPosts, type CrossValidation, type RealTrainOptions, type TriageFigures } from './real-train';
import { classifyWithTfidf, TFIDF_FORMAT, tfidfFromJson, type TfidfModel, type TfidfModelJson } from './tfidf';
import { TFIDF_OPTIONS, trainOnRealPostsTfidf, type TfidfTrainOptions } from './tfidf-train';
import { classifyWithNgram, NGRAM_FORMAT, ngramFromJson, ngramToJson, type NgramModel, type NgramModelJson } from './ngram';
import { trainNgram, type NgramTrainOptions } from './ngram-train';
import { accuracy, binaryScores, macroF1 } from './metrics';
import { classifyWithRules, RULES_MODEL_VERSION } from './rules';
import { splitByGroup } from './split';
import type { TrainingRow, TrainOptions } from './train';
import type { Classification } from './types';

export const MODELS_DIR = join(__dirname, 'models');
/** Posts written apart from the corpus and never trained on: a second check of every model (validation/README.md). */
export const VALIDATION_DIR = join(__dirname, 'validation');

/** The file of a model version; a version is a plain name such as "linear-1", never a path. */
export function modelPath(version: string): string {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(version) || version.includes('..')) {
    throw new Error(`not a model version: ${JSON.stringify(version)}`);
  }
  return join(MODELS_DIR, `${version}.json`);
}

export function loadCorpus(path = CORPUS_FILE): CorpusRow[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusRow);
}

/** Every `*.jsonl` file of the validation folder, in name order; each post is a group of its own ("file:n" for its n-th post). */
export function loadValidation(dir = VALIDATION_DIR): CorpusRow[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .flatMap((name) => loadCorpus(join(dir, name)).map((row, i) => ({ ...row, group: `${name}:${i + 1}` })));
}

/** Whether a version names a model that can be loaded: the rules, or a model file of that name. */
export function isModelVersion(version: string): boolean {
  if (version === RULES_MODEL_VERSION) return true;
  try {
    return existsSync(modelPath(version));
  } catch {
    return false;
  }
}

/** A linear-1 model file (format railsewa-linear-1). */
export function loadModel(path: string): LinearModel {
  return modelFromJson(JSON.parse(readFileSync(path, 'utf8')) as LinearModelJson);
}

/** A linear-2 model file (format railsewa-linear-2). */
export function loadNgramModel(path: string): NgramModel {
  return ngramFromJson(JSON.parse(readFileSync(path, 'utf8')) as NgramModelJson);
}

export type LoadedModel =
  | { format: 'railsewa-linear-1'; model: LinearModel }
  | { format: 'railsewa-linear-2'; model: NgramModel }
  | { format: typeof FASTTEXT_FORMAT; model: FastTextModel }
  | { format: typeof TFIDF_FORMAT; model: TfidfModel }
  | { format: typeof CASCADE_FORMAT; model: CascadeModel };

/** Any model file, by its format; a cascade's two models are read from their files beside it. */
export function loadAnyModel(path: string): LoadedModel {
  const json = JSON.parse(readFileSync(path, 'utf8')) as LinearModelJson | NgramModelJson | FastTextModelJson | TfidfModelJson | CascadeModelJson;
  if (json.format === CASCADE_FORMAT) return { format: CASCADE_FORMAT, model: cascadeFromJson(json, dirname(path)) };
  if (json.format === TFIDF_FORMAT) return { format: TFIDF_FORMAT, model: tfidfFromJson(json) };
  if (json.format === FASTTEXT_FORMAT) return { format: FASTTEXT_FORMAT, model: fastTextFromJson(json) };
  return json.format === NGRAM_FORMAT
    ? { format: NGRAM_FORMAT, model: ngramFromJson(json) }
    : { format: 'railsewa-linear-1', model: modelFromJson(json as LinearModelJson) };
}

/** A cascade file's model, its two parts read from `dir` (each must be of the format the cascade expects). */
export function cascadeFromJson(json: CascadeModelJson, dir: string): CascadeModel {
  const part = (version: string) => loadAnyModel(join(dir, basename(modelPath(version))));
  const first = part(json.first);
  const second = part(json.second);
  if (first.format !== NGRAM_FORMAT) throw new Error(`cascade ${json.version}: ${json.first} is not a ${NGRAM_FORMAT} model`);
  if (second.format !== TFIDF_FORMAT) throw new Error(`cascade ${json.version}: ${json.second} is not a ${TFIDF_FORMAT} model`);
  return { version: json.version, first: first.model, second: second.model, gate: json.gate, threshold: json.threshold, reviewThreshold: json.reviewThreshold };
}

/** The classify function of a loaded model file. */
export function classifierOf(loaded: LoadedModel): (text: string) => Classification {
  switch (loaded.format) {
    case 'railsewa-linear-2':
      return (text) => classifyWithNgram(loaded.model, text);
    case FASTTEXT_FORMAT:
      return (text) => classifyWithFastText(loaded.model, text);
    case TFIDF_FORMAT:
      return (text) => classifyWithTfidf(loaded.model, text);
    case CASCADE_FORMAT:
      return (text) => classifyWithCascade(loaded.model, text);
    default:
      return (text) => classifyWithModel(loaded.model, text);
  }
}

export interface HeldOutFigures {
  rows: number;
  emergencies: number;
  precision: number;
  recall: number;
  f1: number;
  categoryAccuracy: number;
  categoryMacroF1: number;
}

export function figures(rows: readonly TrainingRow[], classify: (text: string) => Classification): HeldOutFigures {
  const out = rows.map((r) => classify(r.text));
  const b = binaryScores(
    rows.map((r) => r.emergency),
    out.map((o) => o.emergency),
  );
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    rows: rows.length,
    emergencies: b.tp + b.fn,
    precision: round(b.precision),
    recall: round(b.recall),
    f1: round(b.f1),
    categoryAccuracy: round(accuracy(rows.map((r) => r.category), out.map((o) => o.category))),
    categoryMacroF1: round(macroF1(rows.map((r) => r.category), out.map((o) => o.category))),
  };
}

export interface TrainedModel {
  model: NgramModel;
  json: NgramModelJson;
  heldOut: { model: HeldOutFigures; rules: HeldOutFigures };
  /** the shipped model on the validation posts, which no training sees */
  validation: HeldOutFigures;
}

/**
 * Trains linear-2 on the corpus (plus any extra rows, e.g. admins' corrections): first on the group-split training
 * part to measure the model and the rules on the held-out part, then on everything for the model that ships, which
 * is measured on the validation posts too.
 * TrainOptions' version, seed, epochs and progress apply; the rest of linear-2's options may be given too.
 */
export function trainFromCorpus(
  corpus: readonly TrainingRow[] = loadCorpus(),
  options: TrainOptions & NgramTrainOptions = {},
  extraRows: readonly TrainingRow[] = [],
): TrainedModel {
  const grouped = corpus.map((r, i) => ({ ...r, group: r.group ?? `row:${i}` }));
  const { train: part, test } = splitByGroup(grouped);
  const o: NgramTrainOptions = {
    version: options.version,
    epochs: options.epochs,
    seed: options.seed,
    learningRate: options.learningRate,
    l2: options.l2,
    positiveWeight: options.positiveWeight,
    threshold: options.threshold,
    folds: options.folds,
    recallTarget: options.recallTarget,
    calibration: options.calibration,
    rules: options.rules,
    lexicon: options.lexicon,
    categoryChars: options.categoryChars,
    categoryBigrams: options.categoryBigrams,
    context: options.context,
    latin: options.latin,
    emergencyBits: options.emergencyBits,
    categoryBits: options.categoryBits,
    ruleValue: options.ruleValue,
  };
  // progress runs over both trainings, each half of the steps
  const half = (offset: number) => (done: number, total: number) => options.onProgress?.(offset * total + done, 2 * total);
  // measured as it would ship: pruned and quantised
  const probe = ngramFromJson(ngramToJson(trainNgram(part, { ...o, onProgress: half(0) }).model));
  const heldOut = {
    model: figures(test, (t) => classifyWithNgram(probe, t)),
    rules: figures(test, classifyWithRules),
  };
  const trained = trainNgram([...corpus, ...extraRows], { ...o, onProgress: half(1) }).model;
  const json = ngramToJson(trained, {
    corpusRows: corpus.length,
    extraRows: extraRows.length,
    heldOutSplit: 'group split, 20%, salt holdout-1',
    heldOut,
    threshold: `highest with cross-validated recall >= ${o.recallTarget ?? 0.95} (5 group folds), Platt-calibrated`,
  });
  const model = ngramFromJson(json);
  return { model, json, heldOut, validation: figures(loadValidation(), (t) => classifyWithNgram(model, t)) };
}

export function writeModel(json: LinearModelJson | NgramModelJson | FastTextModelJson | TfidfModelJson | CascadeModelJson, path = modelPath(json.version)): string {
  writeFileSync(path, JSON.stringify(json) + '\n');
  return path;
}

/**
 * Versions trained on the real posts as well as the corpus (real-train.ts, tfidf-train.ts); older versions train on
 * the corpus only.
 */
export const REAL_POST_VERSIONS: ReadonlySet<string> = new Set([...Object.keys(REAL_POST_OPTIONS), ...Object.keys(TFIDF_OPTIONS), ...Object.keys(CASCADE_OPTIONS)]);

/** Versions of the TF-IDF model (tfidf.ts, linear-11 on). */
export const TFIDF_VERSIONS: ReadonlySet<string> = new Set(Object.keys(TFIDF_OPTIONS));

/** The real training posts' file: `explicit` (which must exist), else ../shared/data's when it exists. */
export function realTrainingFile(explicit?: string): string | undefined {
  if (explicit !== undefined) {
    if (!existsSync(explicit)) throw new Error(`--real ${explicit}: no such file (the real training posts, a CSV like ${REAL_TRAIN_FILE})`);
    return explicit;
  }
  return findSharedFile(REAL_TRAIN_FILE);
}

export interface RealTrainedModel {
  model: NgramModel;
  json: NgramModelJson;
  crossValidation: CrossValidation;
  validation: HeldOutFigures;
}

/**
 * Trains a real-post version (linear-8 to linear-10; options by version, REAL_POST_OPTIONS) on the real posts of `realFile`, the corpus and any extra rows (admins'
 * corrections); the file records the SHA-256 of every data file read.
 */
export function trainFromRealPosts(
  realFile: string,
  extraRows: readonly TrainingRow[] = [],
  options: RealTrainOptions = {},
  corpusFile = CORPUS_FILE,
): RealTrainedModel {
  const version = options.version ?? 'linear-10';
  const chosen = REAL_POST_OPTIONS[version] ?? REAL_POST_OPTIONS['linear-10'];
  const trained = trainOnRealPosts(loadRealPosts(realFile), loadCorpus(corpusFile), extraRows, { ...chosen, ...options, version }, {
    data: [
      { file: realFile.split(/[\\/]/).pop(), sha256: sha256Of(realFile) },
      { file: 'corpus.jsonl', sha256: sha256Of(corpusFile) },
    ],
  });
  const model = trained.model;
  return { ...trained, validation: figures(loadValidation(), (t) => classifyWithNgram(model, t)) };
}

export interface FastTextTrainedModel {
  model: FastTextModel;
  json: FastTextModelJson;
  crossValidation: CrossValidation;
  validation: HeldOutFigures;
}

/**
 * Trains a fasttext version (fasttext-train.ts; options by version, FASTTEXT_OPTIONS) on the real posts of `realFile`,
 * the corpus and any extra rows; the file records the SHA-256 of every data file read.
 */
export function trainFastTextFromRealPosts(
  realFile: string,
  extraRows: readonly TrainingRow[] = [],
  options: FastTextTrainOptions = {},
  corpusFile = CORPUS_FILE,
): FastTextTrainedModel {
  const version = options.version ?? 'fasttext-1';
  const trained = trainOnRealPostsFastText(loadRealPosts(realFile), loadCorpus(corpusFile), extraRows, { ...FASTTEXT_OPTIONS[version], ...options, version }, {
    data: [
      { file: realFile.split(/[\\/]/).pop(), sha256: sha256Of(realFile) },
      { file: 'corpus.jsonl', sha256: sha256Of(corpusFile) },
    ],
  });
  const model = trained.model;
  return { ...trained, validation: figures(loadValidation(), (t) => classifyWithFastText(model, t)) };
}

export interface TfidfTrainedModel {
  model: TfidfModel;
  json: TfidfModelJson;
  crossValidation: CrossValidation;
  validation: HeldOutFigures;
}

/**
 * Trains a TF-IDF version (tfidf-train.ts; options by version, TFIDF_OPTIONS) on the real posts of `realFile`, the
 * corpus and any extra rows (admins' corrections); the file records the SHA-256 of every data file read.
 */
export function trainTfidfFromRealPosts(
  realFile: string,
  extraRows: readonly TrainingRow[] = [],
  options: TfidfTrainOptions = {},
  corpusFile = CORPUS_FILE,
): TfidfTrainedModel {
  const version = options.version ?? 'linear-11';
  const trained = trainOnRealPostsTfidf(loadRealPosts(realFile), loadCorpus(corpusFile), extraRows, { ...TFIDF_OPTIONS[version], ...options, version }, {
    data: [
      { file: realFile.split(/[\\/]/).pop(), sha256: sha256Of(realFile) },
      { file: 'corpus.jsonl', sha256: sha256Of(corpusFile) },
    ],
  });
  const model = trained.model;
  return { ...trained, validation: figures(loadValidation(), (t) => classifyWithTfidf(model, t)) };
}

/** Versions that are cascades of two models (cascade-train.ts, linear-16). */
export const CASCADE_VERSIONS: ReadonlySet<string> = new Set(Object.keys(CASCADE_OPTIONS));

export interface CascadeTrainedModel {
  json: CascadeModelJson;
  figures: Record<string, TriageFigures>;
  validation: HeldOutFigures;
}

/**
 * A cascade's file (cascade-train.ts; its two models' files must be in `dir`, built first) from the real posts of
 * `realFile` and the corpus; the file records the SHA-256 of every data file read.
 */
export function trainCascadeFromRealPosts(
  version: string,
  realFile: string,
  extraRows: readonly TrainingRow[] = [],
  onProgress?: (done: number, total: number) => void,
  corpusFile = CORPUS_FILE,
  dir = MODELS_DIR,
): CascadeTrainedModel {
  const about = {
    data: [
      { file: realFile.split(/[\\/]/).pop(), sha256: sha256Of(realFile) },
      { file: 'corpus.jsonl', sha256: sha256Of(corpusFile) },
    ],
  };
  const trained = trainCascade(version, loadRealPosts(realFile), loadCorpus(corpusFile), extraRows, about, onProgress);
  const model = cascadeFromJson(trained.json, dir);
  return { ...trained, validation: figures(loadValidation(), (t) => classifyWithCascade(model, t)) };
}
