import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyWithNgram } from '../../../src/classify';
import { realTrainingFile, trainFromRealPosts } from '../../../src/classify/model-file';
import { emptyNgramModel } from '../../../src/classify/ngram';
import { parseCsv, parseRealPosts, sha256Of, type RealPost } from '../../../src/classify/real-posts';
import {
  plattScaleSafe,
  realRow,
  stratifiedFolds,
  thresholdAtPrecision,
  thresholdAtShare,
  triageFigures,
} from '../../../src/classify/real-train';

const HEADER = 'id,text,is_complaint,emergency,category,language,sure,source';

// Made-up posts written for this test (never taken from ../shared/data): fires, fainting and harassment are
// emergencies; delays, refunds and dirty toilets are complaints; thanks and news are not complaints.
function syntheticCsv(): string {
  const lines = [HEADER];
  let id = 0;
  const add = (text: string, complaint: 0 | 1, emergency: 0 | 1, category: string, language = 'en', sure = 1) =>
    lines.push(`s${++id},"${text.replace(/"/g, '""')}",${complaint},${emergency},${category},${language},${sure},test`);
  for (let n = 1; n <= 12; n++) {
    add(`fire and thick smoke in coach S${n}, people are choking, stop the train`, 1, 1, 'safety_incident');
    add(`my mother fainted in coach B${n} and is not waking up, need a doctor now`, 1, 1, 'medical');
    add(`a drunk man is harassing a girl travelling alone in coach A${n}, "please" send RPF`, 1, 1, 'women_safety');
    add(`train ${12000 + n} is running ${n} hours late, no announcement at all`, 1, 0, 'punctuality');
    add(`refund for my cancelled ticket, PNR 45${n}1234567, not received after ${n} weeks`, 1, 0, 'ticketing');
    add(`toilet in coach S${n} is filthy, nobody cleaned it since morning`, 1, 0, 'cleanliness', 'en', n % 2);
    add(`thank you railways for the new train to the hills, ${n} stars`, 0, 0, 'none');
    add(`news: a new foot overbridge opens at platform ${n} next month,\nsays the division`, 0, 0, 'none');
    add(`ट्रेन ${n} घंटे लेट है, कोई सूचना नहीं`, 1, 0, 'punctuality', 'hi');
    add(`कोच S${n} में आग लगी है, धुआं भर गया है`, 1, 1, 'safety_incident', 'hi');
  }
  return `${lines.join('\n')}\n`;
}

const post = (id: string, emergency: 0 | 1, extra: Partial<RealPost> = {}): RealPost => ({
  id,
  text: id,
  isComplaint: true,
  emergency,
  category: emergency ? 'security' : 'punctuality',
  language: 'en',
  sure: true,
  ...extra,
});

describe('real posts (CSV)', () => {
  test('quoted fields keep commas, doubled quotes and newlines', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi""\nthere"\r\nlast,1')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
      ['last', '1'],
    ]);
  });

  test('a post is read with its labels; a non-complaint has category none', () => {
    const posts = parseRealPosts(syntheticCsv());
    expect(posts).toHaveLength(120);
    expect(posts[2]).toEqual({
      id: 's3',
      text: 'a drunk man is harassing a girl travelling alone in coach A1, "please" send RPF',
      isComplaint: true,
      emergency: 1,
      category: 'women_safety',
      language: 'en',
      sure: true,
    });
    expect(posts[7]).toMatchObject({ text: 'news: a new foot overbridge opens at platform 1 next month,\nsays the division', isComplaint: false, category: 'none' });
  });

  test('a missing column, an unknown category, a bad flag or an open quote is an error naming the problem', () => {
    expect(() => parseRealPosts('id,text\n1,x\n', 'f.csv')).toThrow(/f\.csv has no column is_complaint/);
    expect(() => parseRealPosts(`${HEADER}\n1,x,1,0,delays,en,1,t\n`, 'f.csv')).toThrow(/row 2: unknown category "delays"/);
    expect(() => parseRealPosts(`${HEADER}\n1,x,1,yes,other,en,1,t\n`, 'f.csv')).toThrow(/row 2: emergency is "yes"/);
    expect(() => parseCsv('a,"b\n')).toThrow(/inside a quoted field/);
  });

  test('a non-complaint trains Emergency only; a judgement call counts what it is given', () => {
    expect(realRow(post('a', 0, { isComplaint: false, category: 'none' }))).toMatchObject({ category: 'other', categorised: false, weight: 1 });
    expect(realRow(post('b', 1, { sure: false }), 0.5)).toMatchObject({ category: 'security', categorised: true, weight: 0.5 });
  });

  test('--real naming a missing file fails with a clear message', () => {
    expect(() => realTrainingFile('/no/such/posts.csv')).toThrow(/--real \/no\/such\/posts\.csv: no such file/);
  });
});

describe('cross-validation pieces', () => {
  test('stratified folds give every fold its share of the emergencies, the same for the same seed', () => {
    const posts = Array.from({ length: 200 }, (_, i) => post(`p${i}`, i % 20 === 0 ? 1 : 0));
    const folds = stratifiedFolds(posts, 5, 11);
    expect(stratifiedFolds(posts, 5, 11)).toEqual(folds);
    for (let f = 0; f < 5; f++) {
      expect(posts.filter((p, i) => folds[i] === f && p.emergency === 1)).toHaveLength(2);
      expect(folds.filter((x) => x === f)).toHaveLength(40);
    }
    expect(stratifiedFolds(posts, 5, 12)).not.toEqual(folds);
  });

  test('the emergency threshold finds the most emergencies at the precision, and adds no false alarm for nothing', () => {
    // sorted: 0.9 (1), 0.8 (0), 0.7 (1), 0.6 (0), 0.5 (0), 0.4 (1), 0.3 (0)
    const truth: (0 | 1)[] = [1, 0, 1, 0, 0, 1, 0];
    const p = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3];
    expect(thresholdAtPrecision(truth, p, 0.5)).toBe(0.4);
    expect(thresholdAtPrecision(truth, p, 0.6)).toBe(0.7);
    expect(thresholdAtPrecision(truth, p, 1)).toBe(0.9);
    // 0.8 keeps precision 0.5 but finds no more than 0.9 does
    expect(thresholdAtPrecision([1, 0, 0, 0], [0.9, 0.8, 0.7, 0.6], 0.5)).toBe(0.9);
  });

  test('the review band flags at most the given share, ties included', () => {
    const p = [0.9, 0.8, 0.5, 0.5, 0.2, 0.1, 0.1, 0.1, 0.05, 0.01];
    expect(thresholdAtShare(p, 0.3)).toBe(0.8);
    expect(thresholdAtShare(p, 0.4)).toBe(0.5);
    expect(thresholdAtShare(p, 0.05)).toBe(1);
  });

  test('Platt scaling stays finite on widely spread scores', () => {
    const scores = Array.from({ length: 2000 }, (_, i) => (i % 50 === 0 ? 30 + (i % 7) : -40 + (i % 90)));
    const truth = scores.map((s, i) => (i % 50 === 0 || (s > 45 && i % 3 === 0) ? 1 : 0) as 0 | 1);
    const { a, b } = plattScaleSafe(scores, truth);
    expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
    expect(Math.abs(a)).toBeLessThan(10);
  });

  test('triage figures: emergency-or-review recall, share flagged and category macro-F1 over complaints, by language', () => {
    const posts = [post('a', 1), post('b', 1, { language: 'hi' }), post('c', 0), post('d', 0, { isComplaint: false, category: 'none' })];
    const f = triageFigures(posts, [
      { emergency: 1, review: false, category: 'security' },
      { emergency: 0, review: true, category: 'punctuality' },
      { emergency: 0, review: false, category: 'punctuality' },
      { emergency: 0, review: true, category: 'other' },
    ]);
    expect(f.all).toMatchObject({ posts: 4, emergencies: 2, precision: 1, recall: 0.5, flaggedRecall: 1, flaggedShare: 0.75, complaints: 3 });
    expect(f.hi).toMatchObject({ posts: 1, emergencies: 1, recall: 0, flaggedRecall: 1 });
  });
});

describe('training on real posts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'railsewa-real-'));
  const realFile = join(dir, 'posts.csv');
  writeFileSync(realFile, syntheticCsv());
  const corpusFile = join(dir, 'corpus.jsonl');
  const corpus = [
    { text: 'smoke coming out of the pantry car, help', emergency: 1, category: 'safety_incident', language: 'en', group: 'c1' },
    { text: 'AC not cooling in coach B2', emergency: 0, category: 'electrical', language: 'en', group: 'c2' },
  ];
  writeFileSync(corpusFile, corpus.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const trained = trainFromRealPosts(realFile, [], { epochs: 4 }, corpusFile);

  test('the file records the SHA-256 of every data file, the training and the cross-validated figures', () => {
    const about = trained.json.about as Record<string, unknown>;
    expect(about.data).toEqual([
      { file: 'posts.csv', sha256: sha256Of(realFile) },
      { file: 'corpus.jsonl', sha256: sha256Of(corpusFile) },
    ]);
    expect(sha256Of(realFile)).toMatch(/^[0-9a-f]{64}$/);
    expect(about.training).toMatchObject({ realPosts: 120, corpusRows: 2 });
    const cv = about.crossValidation as Record<string, { posts: number; emergencies: number }>;
    expect(cv.all).toMatchObject({ posts: 120, emergencies: 48 });
    expect(cv.hi).toMatchObject({ posts: 24, emergencies: 12 });
    expect(JSON.stringify(trained.json)).not.toContain('harassing a girl');
  });

  test('a review band below the emergency threshold, kept through the file', () => {
    expect(trained.json.reviewThreshold).toBeDefined();
    expect(trained.json.reviewThreshold as number).toBeLessThanOrEqual(trained.json.threshold);
    expect(trained.model.reviewThreshold).toBe(trained.json.reviewThreshold);
  });

  test('learns the made-up posts and tells them apart on new wording', () => {
    expect(classifyWithNgram(trained.model, 'thick smoke and fire in coach S40, stop the train')).toMatchObject({ emergency: 1, review: false });
    expect(classifyWithNgram(trained.model, 'train 12345 running 9 hours late again')).toMatchObject({ emergency: 0, category: 'punctuality' });
  });

  test('the same data and options give the same model', () => {
    const again = trainFromRealPosts(realFile, [], { epochs: 4 }, corpusFile);
    expect(again.json).toEqual(trained.json);
    expect(readFileSync(realFile, 'utf8')).toBe(syntheticCsv());
  });
});

describe('linear-14: the Emergency head trained to a minimum by L-BFGS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'railsewa-real-lbfgs-'));
  const realFile = join(dir, 'posts.csv');
  writeFileSync(realFile, syntheticCsv());
  const corpusFile = join(dir, 'corpus.jsonl');
  writeFileSync(corpusFile, `${JSON.stringify({ text: 'smoke coming out of the pantry car, help', emergency: 1, category: 'safety_incident', language: 'en', group: 'c1' })}\n`);
  const trained = trainFromRealPosts(realFile, [], { version: 'linear-14', epochs: 4 }, corpusFile);
  const adagrad = trainFromRealPosts(realFile, [], { version: 'linear-10', epochs: 4 }, corpusFile);

  test('its file is linear-10\'s format and shape, its training recorded', () => {
    expect(trained.json.version).toBe('linear-14');
    expect(trained.model.emergencyBits).toBe(22);
    expect(trained.model.latin).toBe(true);
    expect((trained.json.about as { training: unknown }).training).toMatchObject({ emergencySolver: 'lbfgs', c: 10, emergencyClassWeight: 'balanced' });
  });

  test('only the Emergency head differs from AdaGrad\'s: the category head is the same', () => {
    const same = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    expect(same(trained.model.categoryWeights, adagrad.model.categoryWeights)).toBe(true);
    expect(same(trained.model.emergencyWeights, adagrad.model.emergencyWeights)).toBe(false);
  });

  test('learns the made-up posts and tells them apart on new wording', () => {
    expect(classifyWithNgram(trained.model, 'thick smoke and fire in coach S40, stop the train')).toMatchObject({ emergency: 1, review: false });
    expect(classifyWithNgram(trained.model, 'train 12345 running 9 hours late again')).toMatchObject({ emergency: 0, category: 'punctuality' });
  });

  test('the same data and options give the same model', () => {
    expect(trainFromRealPosts(realFile, [], { version: 'linear-14', epochs: 4 }, corpusFile).json).toEqual(trained.json);
  });
});

describe('review', () => {
  const model = emptyNgramModel('test-review', { latin: true });
  model.emergencyBias = 0; // every post scores probability 0.5

  test('a model without a review band never answers review', () => {
    model.threshold = 0.6;
    delete model.reviewThreshold;
    expect(classifyWithNgram(model, 'anything')).toMatchObject({ emergency: 0, review: false });
  });

  test('review when under the emergency threshold and in the band; never for an emergency', () => {
    model.threshold = 0.6;
    model.reviewThreshold = 0.4;
    expect(classifyWithNgram(model, 'anything')).toMatchObject({ emergency: 0, review: true });
    model.reviewThreshold = 0.55;
    expect(classifyWithNgram(model, 'anything')).toMatchObject({ emergency: 0, review: false });
    model.threshold = 0.5;
    model.reviewThreshold = 0.4;
    expect(classifyWithNgram(model, 'anything')).toMatchObject({ emergency: 1, review: false });
  });
});
