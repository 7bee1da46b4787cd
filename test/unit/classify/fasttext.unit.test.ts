import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifierOf, loadAnyModel, writeModel } from '../../../src/classify/model-file';
import { classifyWithFastText, fastTextFromJson, fastTextToJson, featuresOf, scoreFastText, scoreFeatures, sigmoid } from '../../../src/classify/fasttext';
import { crossValidateFastText, fitFastText, trainOnRealPostsFastText } from '../../../src/classify/fasttext-train';
import type { RealPost } from '../../../src/classify/real-posts';
import type { TrainingRow } from '../../../src/classify/train';

// Made-up rows written for this test (never taken from ../shared/data): fires, fainting and harassment are
// emergencies; delays, refunds and dirty toilets are feedback.
function toyRows(): TrainingRow[] {
  const rows: TrainingRow[] = [];
  for (let n = 1; n <= 15; n++) {
    rows.push({ text: `fire and thick smoke in coach S${n}, people choking, stop the train`, emergency: 1, category: 'safety_incident' });
    rows.push({ text: `my father fainted in coach B${n}, not waking up, need a doctor`, emergency: 1, category: 'medical' });
    rows.push({ text: `a drunk man is harassing a girl in coach A${n}, send help`, emergency: 1, category: 'women_safety' });
    rows.push({ text: `train ${12000 + n} is running ${n} hours late again`, emergency: 0, category: 'punctuality' });
    rows.push({ text: `refund for my cancelled ticket not received after ${n} weeks`, emergency: 0, category: 'ticketing' });
    rows.push({ text: `toilet in coach S${n} is filthy, nobody cleaned it`, emergency: 0, category: 'cleanliness' });
    rows.push({ text: `coach S${n} में आग लगी है धुआं भर गया`, emergency: 1, category: 'safety_incident' });
    rows.push({ text: `ट्रेन ${n} घंटे लेट है`, emergency: 0, category: 'punctuality' });
  }
  return rows;
}

const small = { dim: 8, bits: 12, epochs: 20, learningRate: 0.1, seed: 5 };

describe('fasttext-1 (shared n-gram embeddings, two heads)', () => {
  test('learns a separable toy set: every emergency scores above every feedback row, and the categories', () => {
    const rows = toyRows();
    const model = fitFastText(rows, small);
    const scores = rows.map((r) => scoreFeatures(model, featuresOf(r.text, small.bits)));
    const lowestEmergency = Math.min(...scores.filter((_, i) => rows[i].emergency === 1));
    const highestFeedback = Math.max(...scores.filter((_, i) => rows[i].emergency === 0));
    expect(lowestEmergency).toBeGreaterThan(highestFeedback);
    const z = new Float64Array(model.categories.length);
    scoreFeatures(model, featuresOf('train 12999 is running 7 hours late again', small.bits), z);
    expect(model.categories[z.indexOf(Math.max(...z))]).toBe('punctuality');
  });

  test('the fast path (rows collapsed into each head) gives the trainer\'s score', () => {
    const model = fitFastText(toyRows(), small);
    for (const text of ['fire in coach S3, help', 'refund not received', 'ट्रेन लेट है', '']) {
      const raw = scoreFeatures(model, featuresOf(text, small.bits));
      expect(scoreFastText(model, text).emergency).toBeCloseTo(sigmoid(raw), 5);
    }
  });

  test('deterministic: the same seed gives the same file, another seed another', () => {
    const a = JSON.stringify(fastTextToJson(fitFastText(toyRows(), small)));
    const b = JSON.stringify(fastTextToJson(fitFastText(toyRows(), small)));
    const c = JSON.stringify(fastTextToJson(fitFastText(toyRows(), { ...small, seed: 6 })));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  test('the model file round-trips: written, loaded by loadAnyModel, written again the same, same decisions', () => {
    const model = fitFastText(toyRows(), small);
    model.threshold = 0.5;
    model.reviewThreshold = 0.2;
    model.calibration = { a: 1.5, b: -0.5 };
    const json = fastTextToJson(model, { data: [{ file: 'toy.csv', sha256: 'ab'.repeat(32) }] });
    const path = writeModel({ ...json, version: 'fasttext-test' }, join(mkdtempSync(join(tmpdir(), 'fasttext-')), 'fasttext-test.json'));
    const loaded = loadAnyModel(path);
    expect(loaded.format).toBe('railsewa-fasttext-1');
    if (loaded.format !== 'railsewa-fasttext-1') return;
    expect(JSON.stringify(fastTextToJson(loaded.model, json.about))).toBe(JSON.stringify({ ...json, version: 'fasttext-test' }));
    expect(fastTextToJson(fastTextFromJson(json), json.about)).toEqual(json);
    const classify = classifierOf(loaded);
    for (const text of ['fire and smoke in coach S2, people choking', 'train 12001 is late', 'हेलो']) {
      const c = classify(text);
      const direct = classifyWithFastText(fastTextFromJson(json), text);
      expect(c.emergency).toBe(direct.emergency);
      expect(c.category).toBe(direct.category);
      expect(c.modelVersion).toBe('fasttext-test');
    }
  });

  test('the review band: review when under the threshold and at least reviewThreshold, never with an emergency', () => {
    const model = fitFastText(toyRows(), small);
    model.threshold = 0.999999;
    model.reviewThreshold = 0;
    const feedback = classifyWithFastText(model, 'fire and thick smoke in coach S1, people choking, stop the train');
    expect(feedback.emergency).toBe(0);
    expect(feedback.review).toBe(true);
    model.threshold = 0;
    const emergency = classifyWithFastText(model, 'fire and thick smoke in coach S1, people choking, stop the train');
    expect(emergency.emergency).toBe(1);
    expect(emergency.review).toBe(false);
    expect(['security', 'medical', 'safety_incident', 'women_safety', 'child']).toContain(emergency.category);
  });

  test('cross-validation on made-up real posts sets a threshold and a review band and records its figures', () => {
    const posts: RealPost[] = toyRows().map((r, i) => ({
      id: `t${i}`,
      text: r.text,
      isComplaint: true,
      emergency: r.emergency,
      category: r.category,
      language: /[\u0900-\u097f]/.test(r.text) ? 'hi' : 'en',
      sure: true,
    }));
    const cv = crossValidateFastText(posts, [], { ...small, corpusWeight: 0 });
    expect(cv.figures.all.posts).toBe(posts.length);
    expect(cv.figures.all.recall).toBeGreaterThan(0.9);
    expect(cv.reviewThreshold).toBeLessThanOrEqual(cv.threshold);
    const trained = trainOnRealPostsFastText(posts, [], [], { ...small, corpusWeight: 0, folds: 3 }, { data: [] });
    expect(trained.json.threshold).toBe(trained.crossValidation.threshold);
    expect(trained.json.about?.crossValidation).toEqual(trained.crossValidation.figures);
  });
});
