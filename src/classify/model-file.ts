import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_FILE } from './corpus/file';
import type { CorpusRow } from './corpus/generate';
import { classifyWithModel, modelFromJson, modelToJson, type LinearModel, type LinearModelJson } from './linear';
import { accuracy, binaryScores, macroF1 } from './metrics';
import { classifyWithRules } from './rules';
import { splitByGroup } from './split';
import { train, type TrainingRow, type TrainOptions } from './train';
import type { Classification } from './types';

export const MODELS_DIR = join(__dirname, 'models');

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

export function loadModel(path: string): LinearModel {
  return modelFromJson(JSON.parse(readFileSync(path, 'utf8')) as LinearModelJson);
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
  model: LinearModel;
  json: LinearModelJson;
  heldOut: { model: HeldOutFigures; rules: HeldOutFigures };
}

/**
 * Trains on the corpus (plus any extra rows, e.g. admins' corrections): first on the group-split training part to
 * measure the model and the rules on the held-out part, then on everything for the model that ships.
 */
export function trainFromCorpus(
  corpus: readonly TrainingRow[] = loadCorpus(),
  options: TrainOptions = {},
  extraRows: readonly TrainingRow[] = [],
): TrainedModel {
  const grouped = corpus.map((r, i) => ({ ...r, group: r.group ?? `row:${i}` }));
  const { train: part, test } = splitByGroup(grouped);
  // measured as it would ship: pruned and quantised
  // progress runs over both trainings, each half of the steps
  const half = (offset: number) => (done: number, total: number) => options.onProgress?.(offset * total + done, 2 * total);
  const probe = modelFromJson(modelToJson(train(part, { ...options, onProgress: half(0) })));
  const heldOut = {
    model: figures(test, (t) => classifyWithModel(probe, t)),
    rules: figures(test, classifyWithRules),
  };
  const json = modelToJson(train([...corpus, ...extraRows], { ...options, onProgress: half(1) }), {
    corpusRows: corpus.length,
    extraRows: extraRows.length,
    heldOutSplit: 'group split, 20%, salt holdout-1',
    heldOut,
  });
  return { model: modelFromJson(json), json, heldOut };
}

export function writeModel(json: LinearModelJson, path = modelPath(json.version)): string {
  writeFileSync(path, JSON.stringify(json) + '\n');
  return path;
}
