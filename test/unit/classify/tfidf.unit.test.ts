import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { balancedLossWeights, minimiseLbfgs, weightedLogisticLoss } from '../../../src/classify/lbfgs';
import { classifierOf, loadAnyModel, trainTfidfFromRealPosts, writeModel } from '../../../src/classify/model-file';
import { sha256Of } from '../../../src/classify/real-posts';
import {
  classifyWithTfidf,
  emptyTfidf,
  idfOf,
  pieceHashes,
  scoreTfidfText,
  scoreVector,
  sublinear,
  termCounts,
  tfidfFromJson,
  tfidfToJson,
  tfidfVector,
  wordHashes,
} from '../../../src/classify/tfidf';
import { countRows, fitTfidf, idfOfRows } from '../../../src/classify/tfidf-train';
import type { TrainingRow } from '../../../src/classify/train';

// Made-up rows written for this test (never taken from ../shared/data): fires, fainting and harassment are
// emergencies; delays, refunds and dirty toilets are feedback.
function toyRows(): TrainingRow[] {
  const rows: TrainingRow[] = [];
  for (let n = 1; n <= 12; n++) {
    rows.push({ text: `fire and thick smoke in coach S${n}, people choking, stop the train`, emergency: 1, category: 'safety_incident' });
    rows.push({ text: `my father fainted in coach B${n}, not waking up, need a doctor`, emergency: 1, category: 'medical' });
    rows.push({ text: `a drunk man is harassing a girl in coach A${n}, send help`, emergency: 1, category: 'women_safety' });
    rows.push({ text: `train ${12000 + n} is running ${n} hours late again`, emergency: 0, category: 'punctuality' });
    rows.push({ text: `refund for my cancelled ticket not received after ${n} weeks`, emergency: 0, category: 'ticketing' });
    rows.push({ text: `toilet in coach S${n} is filthy, nobody cleaned it`, emergency: 0, category: 'cleanliness' });
    rows.push({ text: `कोच S${n} में आग लगी है धुआं भर गया`, emergency: 1, category: 'safety_incident' });
    rows.push({ text: `ट्रेन ${n} घंटे लेट है`, emergency: 0, category: 'punctuality' });
  }
  return rows;
}

const small = { bits: 16, categoryBits: 12, categoryEpochs: 10 };

describe('TF-IDF features', () => {
  test('sublinear counts and scikit-learn smoothed idf', () => {
    expect(sublinear(1)).toBe(1);
    expect(sublinear(3)).toBeCloseTo(1 + Math.log(3), 12);
    expect(idfOf(3, 1)).toBeCloseTo(Math.log(4 / 2) + 1, 12);
    expect(idfOf(9, 9)).toBe(1);
  });

  test('a repeated word counts its terms again; a bigram joins neighbours', () => {
    const once = termCounts('smoke', 16);
    const twice = termCounts('smoke smoke', 16);
    expect(twice.buckets.length).toBe(once.buckets.length + 1); // the bigram "smoke smoke"
    expect(Math.max(...twice.counts)).toBe(2);
  });

  test('a Devanagari word is heard in its Latin spelling: the same word term, and both spellings\' character n-grams', () => {
    const devanagari = wordHashes('मदद');
    const latin = wordHashes('madad');
    expect(devanagari.word).toBe(latin.word);
    const latinGrams = new Set(latin.terms);
    expect([...devanagari.terms].filter((t) => latinGrams.has(t)).length).toBe(latin.terms.length);
    expect(devanagari.terms.length).toBeGreaterThan(latin.terms.length);
  });

  test('a post\'s vector has unit length, drops buckets no training post held, and weighs rare terms above common ones', () => {
    const rows = countRows(
      [
        { text: 'coach dirty', emergency: 0, category: 'cleanliness' },
        { text: 'coach late', emergency: 0, category: 'punctuality' },
        { text: 'coach fire', emergency: 1, category: 'safety_incident' },
      ],
      16,
    );
    const idf = idfOfRows(rows, 16);
    const x = tfidfVector(termCounts('coach fire zzzqqq', 16), idf);
    let sum = 0;
    for (const v of x.value) sum += v * v;
    expect(sum).toBeCloseTo(1, 6);
    const only = (word: string) => wordHashes(word).word & 0xffff;
    expect(x.index).not.toContain(only('zzzqqq'));
    const at = (word: string) => x.value[[...x.index].indexOf(only(word))];
    expect(at('fire')).toBeGreaterThan(at('coach'));
    expect(tfidfVector(termCounts('qqqzzz', 16), idf).value.length).toBe(0);
  });
});

describe('the raw-2 analyser (scikit-learn\'s words and char_wb n-grams)', () => {
  test('char_wb: a piece padded with spaces gives its 2- to 5-grams; a piece shorter than n counts once, whole', () => {
    // " ab ": " a", "ab", "b "; " ab", "ab "; " ab " (then n = 5 is longer than the piece: not counted again)
    expect(pieceHashes('ab').chars.length).toBe(6);
    // " a ": " a", "a "; " a "
    expect(pieceHashes('a').chars.length).toBe(3);
  });

  test('words of two characters or more, handles and numbers kept; a Devanagari word heard in its Latin spelling', () => {
    expect(pieceHashes('a').words.length).toBe(0);
    expect(pieceHashes('@rpf_india,').words).toEqual(pieceHashes('rpf_india').words);
    expect(pieceHashes('182').words.length).toBe(1);
    expect(pieceHashes('आग').words).toEqual(pieceHashes('aag').words);
    const latin = new Set(pieceHashes('aag').chars);
    expect([...pieceHashes('आग').chars].filter((h) => latin.has(h)).length).toBe(latin.size);
  });

  test('the word block and the character block are each scaled to unit length', () => {
    const idf = new Float32Array(1 << 16).fill(1);
    const counts = termCounts('Help @RPF_INDIA, fire in coach S3 आग', 16, 'raw-2');
    expect(new Set(counts.blocks)).toEqual(new Set([0, 1]));
    const x = tfidfVector(counts, idf);
    const sums = [0, 0];
    let j = 0;
    for (let i = 0; i < counts.buckets.length; i++) sums[counts.blocks[i]] += x.value[j++] ** 2;
    expect(sums[0]).toBeCloseTo(1, 5);
    expect(sums[1]).toBeCloseTo(1, 5);
  });
});

describe('L-BFGS', () => {
  test('finds the minimum of a convex quadratic', () => {
    // f(x) = Σ (i + 1) (x_i - i)^2
    const result = minimiseLbfgs(
      (x, g) => {
        let f = 0;
        for (let i = 0; i < x.length; i++) {
          f += (i + 1) * (x[i] - i) ** 2;
          g[i] = 2 * (i + 1) * (x[i] - i);
        }
        return f;
      },
      new Float64Array(6),
      { tolerance: 1e-10 },
    );
    expect([...result.x].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.gradientRatio).toBeLessThan(1e-10);
  });

  test('the balanced weights give both classes the same total, times c', () => {
    const weights = balancedLossWeights([1, 0, 0, 0, 0], [1, 1, 1, 0.5, 0.5], 10);
    // total 4, emergencies 1: an emergency counts 4 / 2, a non-emergency 4 / 6
    expect(weights.map((w) => Math.round(w * 1e6) / 1e6)).toEqual([20, 6.666667, 6.666667, 3.333333, 3.333333]);
  });

  test('the weighted logistic loss gives its own gradient, the bias not penalised', () => {
    const rows = [
      { index: [0, 2], value: [0.6, 0.8] },
      { index: [1], value: [1] },
      { index: [0, 1, 2], value: [0.5, -0.5, 0.7] },
    ];
    const evaluate = weightedLogisticLoss(rows, [1, 0, 1], [2, 1, 0.5], 3);
    const w = Float64Array.from([0.3, -0.2, 0.1, 0.4]);
    const g = new Float64Array(4);
    const f = evaluate(w, g);
    const scratch = new Float64Array(4);
    for (let j = 0; j < 4; j++) {
      const up = Float64Array.from(w);
      const down = Float64Array.from(w);
      up[j] += 1e-6;
      down[j] -= 1e-6;
      expect(g[j]).toBeCloseTo((evaluate(up, scratch) - evaluate(down, scratch)) / 2e-6, 6);
    }
    // at w = 0: no penalty, each row's loss ln 2 times its weight
    expect(evaluate(new Float64Array(4), scratch)).toBeCloseTo(3.5 * Math.log(2), 12);
    expect(f).toBeGreaterThan(0);
  });
});

describe('linear-11 (TF-IDF logistic and softmax regression)', () => {
  const rows = toyRows();
  const model = fitTfidf(rows, small);

  test('learns a separable toy set: every emergency scores above every feedback row, and the categories', () => {
    const scores = rows.map((r) => scoreTfidfText(model, r.text).e);
    const lowestEmergency = Math.min(...scores.filter((_, i) => rows[i].emergency === 1));
    const highestFeedback = Math.max(...scores.filter((_, i) => rows[i].emergency === 0));
    expect(lowestEmergency).toBeGreaterThan(highestFeedback);
    expect(classifyWithTfidf(model, 'train 12999 is running 7 hours late again')).toMatchObject({ emergency: 0, category: 'punctuality' });
    expect(classifyWithTfidf(model, 'thick smoke in coach S40, people choking')).toMatchObject({ emergency: 1, category: 'safety_incident' });
  });

  test.each(['cleaned', 'raw-2'] as const)('classification\'s fast path scores as the training vectors do (%s)', (analyzer) => {
    const m = analyzer === 'cleaned' ? model : fitTfidf(rows, { ...small, analyzer });
    for (const text of ['fire in coach S3, help @RPF_INDIA', 'ट्रेन लेट है, कोच में आग', 'refund refund refund not received', '']) {
      const z = new Float64Array(m.categories.length);
      const e = scoreVector(m, tfidfVector(termCounts(text, m.bits, analyzer), m.idf), z);
      const fast = scoreTfidfText(m, text);
      expect(fast.e).toBeCloseTo(e, 5);
      [...z].forEach((v, k) => expect(fast.z[k]).toBeCloseTo(v, 5));
    }
  });

  test('the model file round trip keeps idf, weights, thresholds and decisions', () => {
    model.threshold = 0.4;
    model.reviewThreshold = 0.2;
    model.calibration = { a: 1.5, b: -0.5 };
    const dir = mkdtempSync(join(tmpdir(), 'railsewa-tfidf-'));
    const path = writeModel(tfidfToJson(model, { note: 'test' }, 0), join(dir, 'linear-11.json'));
    const loaded = loadAnyModel(path);
    expect(loaded.format).toBe('railsewa-tfidf-1');
    const again = tfidfFromJson(JSON.parse(readFileSync(path, 'utf8')));
    expect(again).toMatchObject({ bits: 16, categoryBits: 12, threshold: 0.4, reviewThreshold: 0.2, calibration: { a: 1.5, b: -0.5 } });
    const maxIdf = model.idf.reduce((a, v) => Math.max(a, v), 0);
    const worst = model.idf.reduce((a, v, b) => Math.max(a, Math.abs(again.idf[b] - v)), 0);
    expect(worst).toBeLessThanOrEqual(maxIdf / 32767);
    expect(again.idf.filter((v) => v > 0).length).toBe(model.idf.filter((v) => v > 0).length);
    const classify = classifierOf(loaded);
    for (const r of rows) {
      const a = classify(r.text);
      const b = classifyWithTfidf(model, r.text);
      expect({ text: r.text, emergency: a.emergency, category: a.category }).toEqual({ text: r.text, emergency: b.emergency, category: b.category });
    }
  });

  test('an empty model file format is refused by another format name', () => {
    const json = tfidfToJson(emptyTfidf('x', 12, 10));
    expect(() => tfidfFromJson({ ...json, format: 'railsewa-linear-2' as never })).toThrow(/unknown model format/);
  });
});

describe('training linear-11 on real posts', () => {
  const HEADER = 'id,text,is_complaint,emergency,category,language,sure,source';
  const dir = mkdtempSync(join(tmpdir(), 'railsewa-tfidf-real-'));
  const realFile = join(dir, 'posts.csv');
  const lines = [HEADER];
  toyRows().forEach((r, i) => lines.push(`t${i},"${r.text}",1,${r.emergency},${r.category},${/[\u0900-\u097f]/.test(r.text) ? 'hi' : 'en'},1,test`));
  writeFileSync(realFile, `${lines.join('\n')}\n`);
  const corpusFile = join(dir, 'corpus.jsonl');
  writeFileSync(corpusFile, `${JSON.stringify({ text: 'smoke coming out of the pantry car, help', emergency: 1, category: 'safety_incident', language: 'en' })}\n`);
  const trained = trainTfidfFromRealPosts(realFile, [], { ...small, version: 'linear-11' }, corpusFile);

  test('the file records the SHA-256 of every data file, the training and the cross-validated figures, and no text', () => {
    const about = trained.json.about as Record<string, unknown>;
    expect(about.data).toEqual([
      { file: 'posts.csv', sha256: sha256Of(realFile) },
      { file: 'corpus.jsonl', sha256: sha256Of(corpusFile) },
    ]);
    expect(about.training).toMatchObject({ realPosts: 96, corpusRows: 1, classWeight: 'balanced' });
    expect((about.crossValidation as Record<string, { emergencies: number }>).all.emergencies).toBe(48);
    expect(trained.json.reviewThreshold as number).toBeLessThanOrEqual(trained.json.threshold);
    expect(JSON.stringify(trained.json)).not.toContain('harassing');
  });

  test('the same data and options give the same model', () => {
    const again = trainTfidfFromRealPosts(realFile, [], { ...small, version: 'linear-11' }, corpusFile);
    expect(again.json).toEqual(trained.json);
  });
});
