import { readFileSync } from 'node:fs';
import { CURRENT_MODEL_VERSION, classify, classifierFor, loadNgramModel, modelPath, type Category } from '../../../src/classify';
import { findSharedFile, loadRealPosts, REAL_TRAIN_FILE, sha256Of } from '../../../src/classify/real-posts';

const model = loadNgramModel(modelPath('linear-15'));
const about = (JSON.parse(readFileSync(modelPath('linear-15'), 'utf8')) as { about: Record<string, unknown> }).about;

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

describe('the current model linear-15 (linear-10 with a wider review band)', () => {
  test('is the current model, with a review band below its emergency threshold', () => {
    expect(CURRENT_MODEL_VERSION).toBe('linear-15');
    expect(model.version).toBe('linear-15');
    expect(model.latin).toBe(true);
    expect(model.emergencyBits).toBe(22);
    expect(model.reviewThreshold).toBeDefined();
    expect(model.reviewThreshold as number).toBeGreaterThan(0);
    expect(model.reviewThreshold as number).toBeLessThan(model.threshold);
  });

  test.each(examples)('%s → emergency %i, %s', (text, emergency, category) => {
    const c = classify(text);
    expect({ emergency: c.emergency, category: c.category, modelVersion: c.modelVersion }).toEqual({ emergency, category, modelVersion: 'linear-15' });
  });

  test('review is answered, and only for posts that are not emergencies', () => {
    const texts = examples.map(([t]) => t).concat(['hello', 'a man is following my daughter from coach to coach and will not go away']);
    for (const text of texts) {
      const c = classifierFor('linear-15')(text);
      expect(typeof c.review).toBe('boolean');
      if (c.emergency === 1) expect(c.review).toBe(false);
    }
  });

  test("makes linear-10's emergency and category decisions; its review band is wider and holds linear-10's", () => {
    const linear10 = loadNgramModel(modelPath('linear-10'));
    expect(model.threshold).toBe(linear10.threshold);
    expect(model.calibration).toEqual(linear10.calibration);
    expect(model.reviewThreshold as number).toBeLessThan(linear10.reviewThreshold as number);
    const texts = examples.map(([t]) => t).concat(['hello', 'a man is following my daughter from coach to coach and will not go away', 'AC not cooling, very hot, please help']);
    for (const text of texts) {
      const a = classifierFor('linear-10')(text);
      const b = classify(text);
      expect({ emergency: b.emergency, category: b.category }).toEqual({ emergency: a.emergency, category: a.category });
      if (a.review) expect(b.review).toBe(true);
    }
  });

  test("records the SHA-256 of the real training posts it read, which are still the same file, and its cross-validated figures", () => {
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
