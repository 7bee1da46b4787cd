import { readFileSync } from 'node:fs';
import { CURRENT_MODEL_VERSION, classify, classifierFor, loadAnyModel, loadNgramModel, modelPath, type Category } from '../../../src/classify';
import type { CascadeModelJson } from '../../../src/classify/cascade';
import { confidenceOf } from '../../../src/classify/classification';
import { cleanText } from '../../../src/classify/clean';
import { scoreText2 } from '../../../src/classify/ngram';
import { findSharedFile, loadRealPosts, REAL_TRAIN_FILE, sha256Of } from '../../../src/classify/real-posts';

const json = JSON.parse(readFileSync(modelPath('linear-16'), 'utf8')) as CascadeModelJson;
const about = json.about as Record<string, unknown>;

// Written for this test, not taken from the corpus or ../shared/data.
const examples: [string, 0 | 1, Category][] = [
  ['Thick smoke is coming from under coach S3, please stop the train', 1, 'safety_incident'],
  ['Refund for my cancelled ticket has not come after three weeks', 0, 'ticketing'],
  ['Train is running four hours late, urgent, please help', 0, 'punctuality'],
  ['The toilets of S2 are stinking and nobody has cleaned them', 0, 'cleanliness'],
  ['कोच S5 में आग लगी है, तुरंत मदद भेजें', 1, 'safety_incident'],
  ['ट्रेन चार घंटे लेट है, कोई सूचना नहीं', 0, 'punctuality'],
  ['train 3 ghante late hai, jaldi batao', 0, 'punctuality'],
];
const more = ['hello', 'a man is following my daughter from coach to coach and will not go away', 'AC not cooling, very hot, please help'];

describe('the current model linear-16 (a cascade of linear-10 and a TF-IDF model)', () => {
  test('is the current model: a cascade file over linear-10 and linear-12, its gate under its emergency threshold', () => {
    expect(CURRENT_MODEL_VERSION).toBe('linear-16');
    const loaded = loadAnyModel(modelPath('linear-16'));
    expect(loaded.format).toBe('railsewa-cascade-1');
    expect(json).toMatchObject({ version: 'linear-16', first: 'linear-10', second: 'linear-12' });
    expect(loadAnyModel(modelPath('linear-12')).format).toBe('railsewa-tfidf-1');
    expect(json.gate).toBeGreaterThan(json.reviewThreshold);
    expect(json.gate).toBeLessThan(json.threshold);
    expect(json.reviewThreshold).toBeGreaterThan(0);
  });

  test.each(examples)('%s → emergency %i, %s', (text, emergency, category) => {
    const c = classify(text);
    expect({ emergency: c.emergency, category: c.category, modelVersion: c.modelVersion }).toEqual({ emergency, category, modelVersion: 'linear-16' });
  });

  test('review is answered, and only for posts that are not emergencies', () => {
    for (const text of examples.map(([t]) => t).concat(more)) {
      const c = classifierFor('linear-16')(text);
      expect(typeof c.review).toBe('boolean');
      if (c.emergency === 1) expect(c.review).toBe(false);
    }
  });

  test("a post linear-10 ranks under the gate gets linear-15's answer (the same band), its confidence against linear-16's threshold; one at or above it is decided by both models", () => {
    const linear10 = loadNgramModel(modelPath('linear-10'));
    expect(loadNgramModel(modelPath('linear-15')).reviewThreshold).toBe(json.reviewThreshold);
    let under = 0;
    let over = 0;
    for (const text of examples.map(([t]) => t).concat(more)) {
      const p10 = scoreText2(linear10, cleanText(text)).emergency;
      const c = classify(text);
      if (p10 < json.gate) {
        under++;
        // the same answer but for the confidence, read against linear-16's lower emergency threshold
        expect({ ...c, modelVersion: 'linear-15', confidence: 0 }).toEqual({ ...classifierFor('linear-15')(text), confidence: 0 });
        expect(c.confidence).toBe(confidenceOf(p10, json.threshold));
      } else {
        over++;
        // the mean of two probabilities under 1 can never be linear-10's alone at the far end
        expect(c.confidence).not.toBe(classifierFor('linear-10')(text).confidence);
      }
    }
    expect(under).toBeGreaterThan(0);
    expect(over).toBeGreaterThan(0);
  });

  test('linear-15 stays loadable for a rollback (CLASSIFIER_MODEL=linear-15)', () => {
    expect(classifierFor('linear-15')('fire in coach B3').modelVersion).toBe('linear-15');
  });

  test('records the SHA-256 of the real training posts it read, which are still the same file, and its cross-validated figures', () => {
    const file = findSharedFile(REAL_TRAIN_FILE);
    if (!file) throw new Error(`${REAL_TRAIN_FILE} is missing: the real training posts sit beside the repository (../shared/data)`);
    const data = about.data as { file: string; sha256: string }[];
    expect(data.map((d) => d.file)).toEqual(['railway_posts_train.csv', 'corpus.jsonl']);
    expect(data[0].sha256).toBe(sha256Of(file));
    const posts = loadRealPosts(file);
    expect([posts.length, posts.filter((p) => p.emergency === 1).length]).toEqual([9497, 164]);
    const cv = about.crossValidation as Record<string, { posts: number; emergencies: number }>;
    expect(cv.all).toMatchObject({ posts: 9497, emergencies: 164, flaggedShare: 0.18 });
  });
});
