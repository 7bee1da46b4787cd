import { loadAnyModel, modelPath } from '../../../src/classify/model-file';
import { scoreTfidfText, scoreVector, sigmoid, termCounts, tfidfVector, type TfidfModel } from '../../../src/classify/tfidf';
import { tfidfEmergencyProbability, tfidfEmergencyScorer } from '../../../src/classify/tfidf-emergency';
import { fitTfidf } from '../../../src/classify/tfidf-train';
import type { TrainingRow } from '../../../src/classify/train';

// Made-up rows and fragments written for this test (never taken from ../shared/data).
function toyRows(): TrainingRow[] {
  const rows: TrainingRow[] = [];
  for (let n = 1; n <= 8; n++) {
    rows.push({ text: `fire and smoke in coach S${n} @RailMinIndia help!!`, emergency: 1, category: 'safety_incident' });
    rows.push({ text: `मेरी माँ बेहोश हो गई कोच B${n} में, डॉक्टर चाहिए 🙏`, emergency: 1, category: 'medical' });
    rows.push({ text: `train ${12000 + n} late by ${n} hrs https://example.com/t/${n} #IndianRailways`, emergency: 0, category: 'punctuality' });
    rows.push({ text: `refund nahi mila PNR 45${n}1234567, bahut ganda service`, emergency: 0, category: 'ticketing' });
  }
  return rows;
}

const FRAGMENTS = [
  'fire', 'smoke', 'in', 'coach', 'S3', 'B2', 'help', 'HELP!!!', '@RPF_INDIA,', '@RailMinIndia', '#IndianRailways', '#आग',
  'https://t.co/AbC123', 'www.example.in/x?y=1', 'PNR', '4512791357', '12951', '139', '182', 'train', 'late', 'refund',
  'nahi', 'mila', 'bahut', 'ganda', 'आग', 'लगी', 'है', 'मदद', 'करो', 'कोच', 'में', 'धुआं', 'बेहोश', 'डॉक्टर', '१२३४',
  'mदद', 'fire🔥', '🔥🔥', '🙏🏽', '👨‍👩‍👧', '😡', 'é', 'e\u0301', 'A\u030a', 'İstanbul', 'ΟΔΟΣ', 'Straße', 'ﬁre', 'x\u0001y',
  '\ud800', 'a\udc00b', '\u200d', '\ufeff', '…', '—', '"quoted"', "it's", 'a', 'I', '_', '__init__', 'ok.', ',,,', '',
];
const SPACES = [' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u2009', ' \u202f '];

/** A small deterministic generator (mulberry32), so the texts are the same on every run. */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function variedTexts(): string[] {
  const random = generator(18);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const texts: string[] = [];
  for (let n = 0; n < 400; n++) {
    const words = 1 + Math.floor(random() * (n % 10 === 0 ? 300 : 30));
    let text = '';
    for (let w = 0; w < words; w++) text += (random() < 0.2 ? pick(FRAGMENTS).toUpperCase() : pick(FRAGMENTS)) + pick(SPACES);
    texts.push(text);
  }
  texts.push(
    '',
    '   ',
    'a',
    'fire '.repeat(300), // one word counted more than 255 times
    'x'.repeat(3000), // one piece longer than any kept
    `${'ab'.repeat(700)} fire ${'ab'.repeat(700)}`,
    Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}q`).join(' '), // more distinct terms than the first table holds
    FRAGMENTS.join(''),
    FRAGMENTS.join(' '),
  );
  return texts;
}

const rawModel = fitTfidf(toyRows(), { version: 'toy-raw', bits: 16, categoryBits: 12, categoryEpochs: 2, analyzer: 'raw-2' });
const cleanedModel = fitTfidf(toyRows(), { version: 'toy-cleaned', bits: 16, categoryBits: 12, categoryEpochs: 2 });
const shipped = loadAnyModel(modelPath('linear-12'));
if (shipped.format !== 'railsewa-tfidf-1') throw new Error('linear-12 is a TF-IDF model');
const linear12 = shipped.model;
const TEXTS = variedTexts();

/** |a - b| within `relative` of the larger, or both within `floor` of zero. */
const near = (a: number, b: number, relative: number, floor: number) => Math.abs(a - b) <= Math.max(floor, relative * Math.max(Math.abs(a), Math.abs(b)));

/** The texts whose fast score differs from `reference` by more than the tolerance, with both scores. */
function misses(score: (text: string) => number, reference: (text: string) => number, relative: number, floor: number) {
  const out: { text: string; fast: number; reference: number }[] = [];
  for (const text of TEXTS) {
    const fast = score(text);
    const r = reference(text);
    if (!near(fast, r, relative, floor)) out.push({ text, fast, reference: r });
  }
  return out;
}

const vectorScore = (model: TfidfModel) => (text: string) => scoreVector(model, tfidfVector(termCounts(text, model.bits, model.analyzer), model.idf));

describe("the TF-IDF Emergency head alone (linear-16's second model)", () => {
  test.each([
    ['a raw-2 toy model', rawModel],
    ['the shipped linear-12', linear12],
    ['a cleaned toy model', cleanedModel],
  ] as const)('scores varied texts as the classification path does, to rounding (%s)', (_, model) => {
    const score = tfidfEmergencyScorer(model);
    expect(misses(score, (text) => scoreTfidfText(model, text).e, 1e-9, 1e-12)).toEqual([]);
    // a second pass reads the pieces kept by the first
    expect(misses(score, (text) => scoreTfidfText(model, text).e, 1e-9, 1e-12)).toEqual([]);
  });

  test.each([
    ['a raw-2 toy model', rawModel],
    ['the shipped linear-12', linear12],
  ] as const)('scores varied texts as the training vectors do (%s)', (_, model) => {
    // the training vectors hold 32-bit values
    expect(misses(tfidfEmergencyScorer(model), vectorScore(model), 1e-5, 1e-5)).toEqual([]);
  });

  test('the same scores when the kept pieces fill a small store again and again', () => {
    const small = tfidfEmergencyScorer(linear12, 2000);
    expect(misses(small, (text) => scoreTfidfText(linear12, text).e, 1e-9, 1e-12)).toEqual([]);
    expect(misses(small, (text) => scoreTfidfText(linear12, text).e, 1e-9, 1e-12)).toEqual([]);
  });

  test('the probability is the calibrated score, and the texts give both decisions', () => {
    const model = { ...rawModel, calibration: { a: 0.7, b: -0.2 } };
    const score = tfidfEmergencyScorer(model);
    for (const text of TEXTS.slice(0, 50)) expect(tfidfEmergencyProbability(model, text)).toBe(sigmoid(0.7 * score(text) - 0.2));
    const decisions = new Set(TEXTS.map((text) => (tfidfEmergencyProbability(model, text) >= 0.5 ? 1 : 0)));
    expect(decisions).toEqual(new Set([0, 1]));
  });
});
