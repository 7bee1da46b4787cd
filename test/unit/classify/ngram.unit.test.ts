import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  classifierFor,
  classify,
  CURRENT_MODEL_VERSION,
  loadNgramModel,
  modelPath,
  type Category,
} from '../../../src/classify';
import { cleanText } from '../../../src/classify/clean';
import { CHAR_SIZES, hashesOf, tokensOfCleaned } from '../../../src/classify/hashing';
import { contextHashes, DANGER, MAX_CONTEXT, NEG, PAST, wordInfo } from '../../../src/classify/context';
import { lexiconNames } from '../../../src/classify/lexicon';
import { classifyWithNgram, exampleOf, ngramFromJson, ngramToJson, emptyNgramModel } from '../../../src/classify/ngram';
import { foldOf, plattScale, recallThreshold, trainNgram } from '../../../src/classify/ngram-train';
import type { TrainingRow } from '../../../src/classify/train';

const tokens = (text: string) => tokensOfCleaned(cleanText(text));

describe('linear-2 and linear-3 tokens', () => {
  test.each([
    ['Fire in coach B3!!', ['fire', 'in', 'coach', 'b', '0']],
    ['@RailMinIndia @IRCTC_Ltd train late https://t.co/x1Yz', ['train', 'late']],
    ['#RailMadad pls help', ['railmadad', 'pls', 'help']],
    ['कोच में आग लगी है। 🔥🔥', ['कोच', 'में', 'आग', 'लगी', 'है']],
    ['पीएनआर ४५१२७९१३५७ है', ['पीएनआर', '0', 'है']],
    ['coach me aag lagi h 😱😱 jldi kro', ['coach', 'me', 'aag', 'lagi', 'h', 'jldi', 'kro']],
    ['ट्रेन late है, AC band', ['ट्रेन', 'late', 'है', 'ac', 'band']],
    ['PNR 4512791357 call +91 98765-43210', ['pnr', '0', 'call', '0', '0', '0']],
    ['HELPPPP plzzzz', ['helpp', 'plzz']],
    ['👍🏽🙏 ok', ['ok']],
  ])('%s', (text, expected) => expect(tokens(text)).toEqual(expected));
});

describe('linear-2 and linear-3 features', () => {
  test('a word brings itself and its character 3-, 4- and 5-grams of <word>', () => {
    expect(CHAR_SIZES).toEqual([3, 4, 5]);
    // "<aag>" has 5 characters: three 3-grams, two 4-grams, one 5-gram
    expect(hashesOf('aag').chars).toHaveLength(6);
    expect(hashesOf('आग').chars).toHaveLength(2 + 1);
    expect(hashesOf('0').chars).toHaveLength(0);
    expect(hashesOf('harassing')).toBe(hashesOf('harassing')); // cached
  });

  test('a slip keeps many of the word\'s character n-grams', () => {
    const right = new Set(hashesOf('harassing').chars);
    const slip = [...hashesOf('harasing').chars];
    expect(slip.filter((h) => right.has(h)).length / slip.length).toBeGreaterThan(0.4);
  });

  test('numbers, emoji, links and handles change no feature', () => {
    const model = emptyNgramModel('t');
    expect(exampleOf(model, '@IRCTC_Ltd fire 🔥 https://t.co/abc PNR 4512791357')).toEqual(exampleOf(model, 'fire PNR 8812345670'));
  });

  test.each([
    ['chor', 'lex:security:d'],
    ['stealing', 'lex:security:d'],
    ['बेहोश', 'lex:medical:d'],
    ['refund', 'lex:money'],
    ['नहीं', 'lex:neg'],
  ])('the lexicon knows %s (%s)', (word, name) => expect(lexiconNames(word)).toContain(name));

  test('a word outside the lexicon has no lexicon feature', () => expect(lexiconNames('sunset')).toEqual([]));
});

describe('linear-3 context features', () => {
  const context = (text: string) => {
    const words = tokens(text);
    const infos = words.map((w) => wordInfo(w));
    const out = new Uint32Array(MAX_CONTEXT);
    const n = contextHashes(
      words.length,
      null,
      Int32Array.from(infos, (i) => i.flags),
      Int32Array.from(infos, (i) => i.dangerCategory),
      Int32Array.from(infos, (i) => i.topics),
      out,
    );
    return [...out.slice(0, n)];
  };

  test.each([
    ['chor', DANGER],
    ['आग', DANGER],
    ['nahi', NEG],
    ['नहीं', NEG],
    ['arrested', PAST],
    ['khabar', PAST],
  ])('%s has flag %i', (word, flag) => expect(wordInfo(word).flags & flag).toBe(flag));

  test('a negated danger word is not counted as danger', () => {
    expect(context('there is no fire in the coach')).not.toEqual(context('there is a fire in the coach'));
    expect(context('aag nahi lagi hai')).toEqual(context('dhuan nahi hai ji'));
  });

  test('past news of danger differs from danger now; the wording around it does not matter', () => {
    expect(context('fire in the coach yesterday, news')).not.toEqual(context('fire in the coach right now'));
    expect(context('fire in coach S4')).toEqual(context('fire in coach B2'));
  });

  test('a model with context features saves and loads them', () => {
    const model = emptyNgramModel('t', { context: true });
    expect(ngramFromJson(ngramToJson(model)).context).toBe(true);
    expect(exampleOf(model, 'fire in coach').eRules.length).toBeGreaterThan(exampleOf(emptyNgramModel('t'), 'fire in coach').eRules.length);
  });
});

const committed = loadNgramModel(modelPath('linear-7'));

// Written for this test, not taken from the corpus or ../shared/data.
const examples: [string, 0 | 1, Category][] = [
  ['My father collapsed near the door of A2 and is not responding', 1, 'medical'],
  ['Thick smoke is coming from under coach S3, please stop the train', 1, 'safety_incident'],
  ['A drunk man is threatening passengers with a broken bottle in S6', 1, 'security'],
  ['Some boys are harassing a girl travelling alone in coach B7', 1, 'women_safety'],
  ['Refund for my cancelled ticket has not come after three weeks', 0, 'ticketing'],
  ['Train is running four hours late, urgent, please help', 0, 'punctuality'],
  ['The toilets of S2 are stinking and nobody has cleaned them', 0, 'cleanliness'],
  ['@IRCTCofficial PNR 4512791357 tatkal money debited but no ticket, call 9876543210', 0, 'ticketing'],
  ['Thanks RPF for finding my bag yesterday, great work', 0, 'other'],
  ['कोच S5 में आग लगी है, तुरंत मदद भेजें', 1, 'safety_incident'],
  ['मेरे पिताजी बेहोश हो गए हैं, डॉक्टर चाहिए', 1, 'medical'],
  ['ट्रेन चार घंटे लेट है, कोई सूचना नहीं', 0, 'punctuality'],
  ['कोच में पानी नहीं है', 0, 'water'],
  ['ek aadmi ladki ko chhed raha hai coach B2 me', 1, 'women_safety'],
  ['chor ne mera purse chheen liya abhi', 1, 'security'],
  ['train 3 ghante late hai, jaldi batao', 0, 'punctuality'],
  ['AC kaam nahi kar raha coach B4 me', 0, 'electrical'],
];

describe('the committed model linear-7', () => {
  // linear-7 was the current model until linear-9, linear-10, linear-15 and linear-16 (trained on real posts as well, models/README.md); it
  // stays for replays, and these tests pin its file and its retraining on the corpus.
  test('loads with its version, calibration and a recall threshold; it is no longer the current model', () => {
    expect(CURRENT_MODEL_VERSION).toBe('linear-16');
    expect(committed.version).toBe('linear-7');
    expect(committed.reviewThreshold).toBeUndefined();
    expect(committed.context).toBe(true);
    expect(committed.latin).toBe(true);
    expect(committed.threshold).toBeGreaterThan(0);
    expect(committed.threshold).toBeLessThan(0.5);
    expect(committed.calibration.a).toBeGreaterThan(0);
  });

  test('rejects a file of another format', () => {
    expect(() => ngramFromJson({ format: 'railsewa-linear-1' } as never)).toThrow(/unknown model format/);
  });

  const linear7 = classifierFor('linear-7');
  test.each(examples)('%s → emergency %i, %s', (text, emergency, category) => {
    const c = linear7(text);
    expect({ emergency: c.emergency, category: c.category }).toEqual({ emergency, category });
    expect(c.modelVersion).toBe('linear-7');
    expect(c.confidence).toBeGreaterThanOrEqual(0.5);
    expect(c.confidence).toBeLessThanOrEqual(1);
    expect(c.priority).toBe(emergency ? 1 : category === 'other' ? 5 : 4);
  });

  test('names the few words that drove the decision, no function words', () => {
    const fire = linear7('fire in coach B3, people are panicking');
    expect(fire.keywords).toContain('fire');
    expect(fire.keywords.length).toBeLessThanOrEqual(5);
    expect(fire.keywords).not.toContain('in');
    expect(linear7('Refund for my cancelled ticket has not come').keywords).toContain('refund');
  });

  test('keeps the classify contract: PNR, train and coach are extracted', () => {
    const c = linear7('PNR 4512791357 train 12951 coach B3: AC not working');
    expect({ pnr: c.pnr, train: c.train, coach: c.coach }).toEqual({ pnr: '4512791357', train: '12951', coach: 'B3' });
  });

  test('retraining on the corpus reproduces its decisions', () => {
    // in its own process (training under the test runner's sandbox is several times slower); the committed threshold
    // and calibration came from cross-validation, and retraining with them skips the folds
    const script = join(__dirname, '..', '..', '..', 'src', 'classify', 'models', 'retrain-check.ts');
    const tsx = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
    const out = JSON.parse(
      execFileSync(tsx, [script, 'linear-7'], { input: examples.map(([t]) => t).join('\n'), encoding: 'utf8' }),
    ) as { committed: unknown[]; retrained: unknown[] };
    expect(out.committed).toEqual(examples.map(([, e, c]) => [e, c]));
    expect(out.retrained).toEqual(out.committed);
  });
});

describe('model versions', () => {
  test('classifierFor finds every version', () => {
    const text = 'a man is harassing women in coach B3';
    expect(classifierFor('linear-16')(text)).toEqual(classify(text));
    expect(classifierFor('linear-15')(text).modelVersion).toBe('linear-15');
    expect(classifierFor('linear-12')(text).modelVersion).toBe('linear-12');
    expect(classifierFor('linear-10')(text).modelVersion).toBe('linear-10');
    expect(classifierFor('linear-9')(text).modelVersion).toBe('linear-9');
    expect(classifierFor('linear-7')(text).modelVersion).toBe('linear-7');
    expect(classifierFor('linear-5')(text).modelVersion).toBe('linear-5');
    expect(classifierFor('linear-4')(text).modelVersion).toBe('linear-4');
    expect(classifierFor('linear-6')(text).modelVersion).toBe('linear-6');
    expect(loadNgramModel(modelPath('linear-6')).rules).toBe(true);
    expect(classifierFor('linear-3')(text).modelVersion).toBe('linear-3');
    expect(classifierFor('linear-2')(text).modelVersion).toBe('linear-2');
    expect(classifierFor('rules-1')(text).modelVersion).toBe('rules-1');
    expect(classifierFor('linear-1')(text).modelVersion).toBe('linear-1');
  });
});

// A small made-up set for the trainer's behaviour.
const toy: TrainingRow[] = [];
['coach S1', 'coach B2', 'the pantry', 'coach A1', 'coach GS', 'the toilet', 'coach M3', 'coach H1'].forEach((place, i) => {
  toy.push({ text: `fire and smoke in ${place}`, emergency: 1, category: 'safety_incident', group: `fire${i}` });
  toy.push({ text: `a passenger fainted in ${place}, need doctor`, emergency: 1, category: 'medical', group: `faint${i}` });
  toy.push({ text: `train is late again near ${place}, urgent`, emergency: 0, category: 'punctuality', group: `late${i}` });
  toy.push({ text: `refund not received for ticket, ${place}`, emergency: 0, category: 'ticketing', group: `refund${i}` });
});

describe('trainNgram', () => {
  const options = { epochs: 6, folds: 4, seed: 3 };
  const { model, outOfFold } = trainNgram(toy, options);

  test('is deterministic for a seed', () => {
    const again = trainNgram(toy, options).model;
    expect(again.emergencyWeights).toEqual(model.emergencyWeights);
    expect(again.categoryWeights).toEqual(model.categoryWeights);
    expect(again.threshold).toBe(model.threshold);
  });

  test('learns its rows and generalises to new wording', () => {
    for (const row of toy) expect(classifyWithNgram(model, row.text)).toMatchObject({ emergency: row.emergency, category: row.category });
    expect(classifyWithNgram(model, 'smoke coming out of coach D4')).toMatchObject({ emergency: 1, category: 'safety_incident' });
  });

  test('scores every row out of fold and keeps a group in one fold', () => {
    expect(outOfFold).toHaveLength(toy.length);
    expect(foldOf('fire1', 4, 3)).toBe(foldOf('fire1', 4, 3));
    const folds = new Set(toy.map((r) => foldOf(r.group!, 4, 3)));
    expect(folds.size).toBeGreaterThan(1);
  });

  test('reports progress over every epoch of every fold and the final run', () => {
    const seen: number[] = [];
    trainNgram(toy, { ...options, epochs: 2, onProgress: (done, total) => seen.push(total - done) });
    expect(seen).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  test('rejects a row with an unknown category', () => {
    expect(() => trainNgram([{ text: 'x', emergency: 0, category: 'nonsense' as never }], { threshold: 0.5 })).toThrow(/unknown category/);
  });

  test('the model file round trip keeps the decisions', () => {
    const loaded = ngramFromJson(JSON.parse(JSON.stringify(ngramToJson(model))));
    for (const row of toy) expect(classifyWithNgram(loaded, row.text).emergency).toBe(classifyWithNgram(model, row.text).emergency);
    expect(loaded.threshold).toBe(model.threshold);
  });
});

describe('calibration and threshold', () => {
  test('Platt scaling fits a rising curve through the scores', () => {
    const scores = [-3, -2, -1, -0.5, 0.5, 1, 2, 3];
    const { a } = plattScale(scores, [0, 0, 0, 1, 0, 1, 1, 1]);
    expect(a).toBeGreaterThan(0);
  });

  test('the threshold is the highest that keeps the recall target', () => {
    // emergencies at 0.3 and 0.9; false alarms at 0.35 and 0.2
    expect(recallThreshold([1, 1, 0, 0], [0.3, 0.9, 0.35, 0.2], 0.95)).toBe(0.3);
    expect(recallThreshold([1, 1, 0, 0], [0.3, 0.9, 0.35, 0.2], 0.5)).toBe(0.9);
  });
});
