import { extractFeatures, tokenize } from '../../../src/classify/features';

describe('tokenize', () => {
  test.each([
    ['Fire in coach B3!!', ['fire', 'in', 'coach', 'b', '0']],
    ['@RailMinIndia train late https://t.co/x1', ['train', 'late']],
    ['कोच में आग लगी है 🔥', ['कोच', 'में', 'आग', 'लगी', 'है']],
    ['coach me aag lagi h 😱😱', ['coach', 'me', 'aag', 'lagi', 'h']],
    ['PNR 4512791357 call 9876543210', ['pnr', '0', 'call', '0']],
    ['#RailMadad pls help', ['railmadad', 'pls', 'help']],
    ['ट्रेन late है', ['ट्रेन', 'late', 'है']],
  ])('%s', (text, tokens) => expect(tokenize(text)).toEqual(tokens));
});

describe('extractFeatures', () => {
  test('the same text always gives the same features', () => {
    expect(extractFeatures('a man is harassing women in B3')).toEqual(extractFeatures('a man is harassing women in B3'));
  });

  test('numbers do not change the features', () => {
    const a = extractFeatures('PNR 4512791357 refund pending');
    const b = extractFeatures('PNR 8812345670 refund pending');
    expect(a.wordIds).toEqual(b.wordIds);
    expect(a.charIds).toEqual(b.charIds);
  });

  test('one unigram per token, one bigram per pair, L character 3-grams per word of length L', () => {
    const f = extractFeatures('aag lagi');
    expect(f.tokens).toEqual(['aag', 'lagi']);
    expect(f.wordIds).toHaveLength(2 + 1);
    expect(f.charIds).toHaveLength(3 + 4);
    expect(f.wordStart).toEqual([0, 1, 3]);
    expect(f.charStart).toEqual([0, 3, 7]);
  });

  test('a slip keeps most character n-grams of the word', () => {
    const right = new Set(extractFeatures('harassing').charIds);
    const slip = extractFeatures('harasing').charIds;
    expect(slip.filter((id) => right.has(id)).length / slip.length).toBeGreaterThan(0.5);
  });

  test('the rule view is part of the features and tells danger apart', () => {
    const danger = extractFeatures('fire in coach S4');
    const calm = extractFeatures('refund not received');
    expect(danger.ruleIds.length).toBeGreaterThan(0);
    expect(danger.ruleIds[0]).not.toBe(calm.ruleIds[0]);
  });

  test('emoji, links and handles add no features', () => {
    expect(extractFeatures('@IRCTC_Ltd fire 🔥 https://t.co/abc')).toEqual(extractFeatures('fire'));
  });
});
