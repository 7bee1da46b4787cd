import { cleanText, detectLanguage } from '../../../src/classify';

describe('cleanText', () => {
  test.each([
    ['  hello\n\tworld  ', 'hello world'],
    ['see https://t.co/abc123 now', 'see now'],
    ['www.example.com/x broken', 'broken'],
    ['@RailMinIndia @IRCTC_Ltd train late', 'train late'],
    ['mail me a@b.com', 'mail me a@b.com'],
    ['fire 🔥🔥 in coach', 'fire in coach'],
    ['help 🙏🏽 please', 'help please'],
    ['#IndianRailways dirty toilet', 'IndianRailways dirty toilet'],
    ['कोच में आग लगी है 😱', 'कोच में आग लगी है'],
    ['bell\u0007char', 'bell char'],
    ['zero\u200bwidth', 'zero width'],
  ])('%j → %j', (text, cleaned) => expect(cleanText(text)).toBe(cleaned));

  test('keeps Devanagari letters and marks intact', () => {
    expect(cleanText('ट्रेन में पानी नहीं है')).toBe('ट्रेन में पानी नहीं है');
  });
});

describe('detectLanguage', () => {
  test.each([
    ['The train is running five hours late', 'en'],
    ['Coach B3 toilet is dirty, PNR 4512791357', 'en'],
    ['ट्रेन पांच घंटे लेट है', 'hi'],
    ['कोच B3 में पानी नहीं है', 'hi'],
    ['ट्रेन late है और AC काम नहीं कर रहा, please help', 'mixed'],
    ['bhai train bahut late hai', 'hinglish'],
    ['coach mein paani nahi hai', 'hinglish'],
    ['kya hua', 'hinglish'],
    ['', 'en'],
  ])('%s → %s', (text, language) => expect(detectLanguage(text)).toBe(language));
});
