import { accuracy, binaryScores, fBeta, macroF1 } from '../../../src/classify/metrics';
import { splitByGroup } from '../../../src/classify/split';

describe('metrics', () => {
  test('binary scores', () => {
    expect(binaryScores([1, 1, 0, 0, 1], [1, 0, 1, 0, 1])).toEqual({
      tp: 2, fp: 1, fn: 1, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3,
    });
    expect(binaryScores([0, 0], [0, 0])).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  test('F2 weighs recall more than precision', () => {
    expect(fBeta(0.5, 1, 2)).toBeGreaterThan(fBeta(1, 0.5, 2));
    expect(fBeta(0.8, 0.8, 2)).toBeCloseTo(0.8);
  });

  test('accuracy and macro-F1 over the labels in the truth', () => {
    expect(accuracy(['a', 'b', 'b'], ['a', 'b', 'a'])).toBeCloseTo(2 / 3);
    expect(macroF1(['a', 'a', 'b'], ['a', 'a', 'b'])).toBe(1);
    expect(macroF1(['a', 'a', 'b'], ['a', 'a', 'a'])).toBeCloseTo((0.8 + 0) / 2);
  });
});

describe('splitByGroup', () => {
  const rows = Array.from({ length: 1000 }, (_, i) => ({ group: `g${i % 100}`, i }));

  test('keeps each group on one side and is the same every time', () => {
    const { train, test } = splitByGroup(rows);
    const trainGroups = new Set(train.map((r) => r.group));
    expect(test.some((r) => trainGroups.has(r.group))).toBe(false);
    expect(splitByGroup(rows)).toEqual({ train, test });
  });

  test('takes about the share asked for', () => {
    const { test } = splitByGroup(rows, 0.2);
    expect(test.length).toBeGreaterThan(100);
    expect(test.length).toBeLessThan(350);
  });
});
