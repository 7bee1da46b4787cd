/** Evaluation figures shared by the tests, the trainer and bench/classifier.ts. */
export interface BinaryScores {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function binaryScores(truth: readonly number[], predicted: readonly number[]): BinaryScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < truth.length; i++) {
    if (predicted[i] === 1 && truth[i] === 1) tp++;
    else if (predicted[i] === 1) fp++;
    else if (truth[i] === 1) fn++;
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return { tp, fp, fn, precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
}

/** F-beta; beta 2 weighs recall four times as much as precision, as a missed emergency is the worst failure. */
export function fBeta(precision: number, recall: number, beta: number): number {
  const b2 = beta * beta;
  return ratio((1 + b2) * precision * recall, b2 * precision + recall);
}

export function accuracy<T>(truth: readonly T[], predicted: readonly T[]): number {
  let right = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) right++;
  return ratio(right, truth.length);
}

/** Mean F1 over the labels that occur in the truth. */
export function macroF1<T>(truth: readonly T[], predicted: readonly T[]): number {
  const labels = [...new Set(truth)];
  let sum = 0;
  for (const label of labels) {
    const t = truth.map((x) => (x === label ? 1 : 0));
    const p = predicted.map((x) => (x === label ? 1 : 0));
    sum += binaryScores(t, p).f1;
  }
  return ratio(sum, labels.length);
}
