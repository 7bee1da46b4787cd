import { hashesOf } from '../../../src/classify/hashing';
import { emptyNgramModel, exampleOf, ngramFromJson, ngramToJson } from '../../../src/classify/ngram';
import { transliterate } from '../../../src/classify/transliterate';

describe('Devanagari in the Latin spelling Hinglish uses', () => {
  test.each([
    ['मदद', 'madad'],
    ['आग', 'aag'],
    ['साफ़', 'saaf'],
    ['खाना', 'khana'],
    ['खराब', 'kharab'],
    ['पानी', 'pani'],
    ['लड़की', 'ladki'],
    ['तबीयत', 'tabiyat'],
    ['समझदार', 'samajhdar'],
    ['कमल', 'kamal'],
    ['बचाओ', 'bachao'],
    ['बेहोश', 'behosh'],
    ['दर्द', 'dard'],
    ['बच्चा', 'bachcha'],
    ['चक्कर', 'chakkar'],
    ['नहीं', 'nahin'],
    ['मैं', 'main'],
    ['धुआं', 'dhuan'],
    ['ज़्यादा', 'zyada'],
    ['छेड़', 'chhed'],
    ['डॉक्टर', 'doktar'],
    ['ट्रेन', 'tren'],
    ['क', 'ka'],
  ])('%s → %s', (word, latin) => {
    expect(transliterate(word)).toBe(latin);
  });

  test('a nukta written as its own sign gives the same letter as the precomposed one', () => {
    expect(transliterate('ज\u093cरूर')).toBe(transliterate('\u095bरूर'));
    expect(transliterate('\u095bरूर')).toBe('zarur');
  });

  test('leaves Latin letters alone', () => {
    expect(transliterate('help')).toBe('help');
  });
});

describe('features of a model that hears Devanagari in Latin letters', () => {
  test('a Devanagari word is the word of its Latin spelling and has both spellings\u2019 character n-grams', () => {
    const heard = hashesOf('मदद', true);
    const latin = hashesOf('madad', true);
    expect(heard.word).toBe(latin.word);
    expect(heard.word).not.toBe(hashesOf('मदद').word);
    for (const g of latin.chars) expect(heard.chars).toContain(g);
    for (const g of hashesOf('मदद').chars) expect(heard.chars).toContain(g);
  });

  test('Latin words and numbers are unchanged', () => {
    expect(hashesOf('help', true)).toEqual(hashesOf('help'));
    expect(hashesOf('0', true)).toEqual(hashesOf('0'));
  });

  test('the same post in both scripts shares its word and bigram features', () => {
    const model = emptyNgramModel('t', { latin: true });
    const plain = emptyNgramModel('t');
    const shared = (m: typeof model) => {
      const a = new Set(exampleOf(m, 'आग लगी है मदद करो').e);
      return exampleOf(m, 'aag lagi hai madad karo').e.filter((h) => a.has(h)).length;
    };
    expect(shared(plain)).toBe(0);
    expect(shared(model)).toBeGreaterThan(10);
  });

  test('the model file keeps the setting', () => {
    expect(ngramFromJson(ngramToJson(emptyNgramModel('t', { latin: true }))).latin).toBe(true);
    expect(ngramFromJson(ngramToJson(emptyNgramModel('t'))).latin).toBe(false);
  });
});
