import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASCADE_FORMAT, cascadeScore, cascadeThresholds, type CascadeModelJson } from '../../../src/classify/cascade';
import { cleanText } from '../../../src/classify/clean';
import { confidenceOf } from '../../../src/classify/classification';
import { classifierOf, loadAnyModel, writeModel } from '../../../src/classify/model-file';
import { classifyWithNgram, ngramFromJson, ngramToJson, scoreText2 } from '../../../src/classify/ngram';
import { fitNgram } from '../../../src/classify/ngram-train';
import { scoreTfidfText, sigmoid, tfidfFromJson, tfidfToJson } from '../../../src/classify/tfidf';
import { tfidfEmergencyProbability } from '../../../src/classify/tfidf-emergency';
import { fitTfidf } from '../../../src/classify/tfidf-train';
import type { TrainingRow } from '../../../src/classify/train';

// Made-up rows written for this test (never taken from ../shared/data).
function toyRows(): TrainingRow[] {
  const rows: TrainingRow[] = [];
  for (let n = 1; n <= 10; n++) {
    rows.push({ text: `fire and thick smoke in coach S${n}, people choking`, emergency: 1, category: 'safety_incident' });
    rows.push({ text: `my father fainted in coach B${n}, need a doctor`, emergency: 1, category: 'medical' });
    rows.push({ text: `train ${12000 + n} is running ${n} hours late again`, emergency: 0, category: 'punctuality' });
    rows.push({ text: `refund for my cancelled ticket not received after ${n} weeks`, emergency: 0, category: 'ticketing' });
    rows.push({ text: `toilet in coach S${n} is filthy, nobody cleaned it`, emergency: 0, category: 'cleanliness' });
  }
  return rows;
}

const TEXTS = ['smoke in coach S4, help @RPF_INDIA', 'train 12007 is late, refund please', 'my mother fainted, doctor needed in B2', 'hello', ''];

describe('the cascade score and thresholds', () => {
  test('under the gate a post keeps the first probability and the second model is not asked; at or above it, the mean', () => {
    const second = jest.fn(() => 0.9);
    expect(cascadeScore(0.04, 0.05, second)).toBe(0.04);
    expect(second).not.toHaveBeenCalled();
    expect(cascadeScore(0.05, 0.05, second)).toBeCloseTo(0.475, 12);
    expect(cascadeScore(0.5, 0.05, () => 0.1)).toBeCloseTo(0.3, 12);
  });

  test('the gate flags the share asked by the first model; the threshold and band come from the cascade scores', () => {
    const truth: (0 | 1)[] = [1, 0, 1, 0, 0, 0, 0, 0, 0, 0];
    const first = [0.9, 0.8, 0.7, 0.3, 0.2, 0.1, 0.05, 0.04, 0.03, 0.02];
    const second = [0.9, 0.0, 0.9, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
    const t = cascadeThresholds(truth, first, second, { gateShare: 0.3, precisionTarget: 0.75, reviewShare: 0.5 });
    expect(t.gate).toBe(0.7);
    // the three gated posts: (0.9 + 0.9) / 2, (0.8 + 0) / 2, (0.7 + 0.9) / 2; the rest keep the first probability
    expect(t.scores.map((s) => Math.round(s * 1000) / 1000)).toEqual([0.9, 0.4, 0.8, 0.3, 0.2, 0.1, 0.05, 0.04, 0.03, 0.02]);
    // the false alarm the first model ranked second now ranks third: both emergencies found at precision 1
    expect(t.threshold).toBe(0.8);
    // half the posts flagged: 0.9, 0.8, 0.4, 0.3, 0.2
    expect(t.reviewThreshold).toBe(0.2);
  });
});

describe('the cascade file (railsewa-cascade-1)', () => {
  const rows = toyRows();
  const first = ngramFromJson(ngramToJson(fitNgram(rows, { version: 'toy-first', epochs: 5, threshold: 0.5 }), {}, 0));
  const second = tfidfFromJson(tfidfToJson(fitTfidf(rows, { version: 'toy-second', bits: 16, categoryBits: 12, analyzer: 'raw-2' }), {}, 0));
  second.calibration = { a: 0.8, b: -0.3 };
  const dir = mkdtempSync(join(tmpdir(), 'railsewa-cascade-'));
  writeModel(ngramToJson(first, {}, 0), join(dir, 'toy-first.json'));
  writeModel(tfidfToJson(second, {}, 0), join(dir, 'toy-second.json'));
  const cascade = (gate: number): string => {
    const json: CascadeModelJson = { format: CASCADE_FORMAT, version: 'toy-cascade', first: 'toy-first', second: 'toy-second', gate, threshold: 0.45, reviewThreshold: 0.2 };
    return writeModel(json, join(dir, `toy-cascade-${gate}.json`));
  };
  const p10 = (text: string) => scoreText2(first, cleanText(text)).emergency;

  test('the TF-IDF probability without the category head is the full path\'s', () => {
    for (const text of TEXTS) expect(tfidfEmergencyProbability(second, text)).toBeCloseTo(sigmoid(0.8 * scoreTfidfText(second, text).e - 0.3), 10);
  });

  test('every post at or above the gate is decided by the mean of both probabilities, against the cascade\'s thresholds', () => {
    const loaded = loadAnyModel(cascade(0));
    expect(loaded.format).toBe(CASCADE_FORMAT);
    const classify = classifierOf(loaded);
    const decided = new Set<number>();
    for (const text of TEXTS) {
      const p = (p10(text) + tfidfEmergencyProbability(second, text)) / 2;
      const c = classify(text);
      decided.add(c.emergency);
      expect(c.modelVersion).toBe('toy-cascade');
      expect(c.emergency).toBe(p >= 0.45 ? 1 : 0);
      expect(c.review).toBe(p < 0.45 && p >= 0.2);
      expect(c.confidence).toBe(confidenceOf(p, 0.45));
    }
    expect(decided).toEqual(new Set([0, 1]));
  });

  test('a post under the gate is the first model\'s answer read against the cascade\'s thresholds', () => {
    const classify = classifierOf(loadAnyModel(cascade(2)));
    const alone = ngramFromJson(ngramToJson(first, {}, 0));
    alone.threshold = 0.45;
    alone.reviewThreshold = 0.2;
    for (const text of TEXTS) expect(classify(text)).toEqual({ ...classifyWithNgram(alone, text), modelVersion: 'toy-cascade' });
  });

  test('a cascade naming a model of the wrong format, or no model, is refused', () => {
    const swapped = join(dir, 'swapped.json');
    writeFileSync(swapped, JSON.stringify({ format: CASCADE_FORMAT, version: 'x', first: 'toy-second', second: 'toy-first', gate: 0, threshold: 0.5, reviewThreshold: 0.2 }));
    expect(() => loadAnyModel(swapped)).toThrow(/toy-second is not a railsewa-linear-2 model/);
    const missing = join(dir, 'missing.json');
    writeFileSync(missing, JSON.stringify({ format: CASCADE_FORMAT, version: 'x', first: 'nothing', second: 'toy-second', gate: 0, threshold: 0.5, reviewThreshold: 0.2 }));
    expect(() => loadAnyModel(missing)).toThrow(/ENOENT/);
  });
});
