import { cleanText, detectLanguage } from '../../../src/classify';
import { isSpace, toNfc } from '../../../src/classify/clean';

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

/** cleanText as a chain of regex replacements, the definition its one-pass form keeps to. */
function cleanByRegex(text: string): string {
  let out = /[^\t-~]/.test(text) ? text.normalize('NFC') : text;
  out = out
    .replace(/[\p{Extended_Pictographic}\p{Regional_Indicator}\u{1F3FB}-\u{1F3FF}]|\uFE0E|\uFE0F|[\u200B-\u200D]|\u2060|\uFEFF/gu, ' ')
    .replace(/[\p{Cc}\p{Co}]/gu, ' ');
  if (out.includes('http') || out.includes('www.')) out = out.replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ');
  out = out.replace(/(^|[^\w])@\w+/g, '$1 ');
  out = out.replace(/#(?=[\p{L}\p{N}])/gu, '');
  return out.replace(/\s+/g, ' ').trim();
}

describe('cleanText in one pass', () => {
  test.each([
    ['@a@b @c.@d x@y @@z'],
    ['HTTPS://T.CO/X only upper case'],
    ['HTTPS://T.CO/X and http://t.co/y'],
    ['see:https://a.b/c) www. www.x https:// x'],
    ['http://x🔥y z'],
    ['#a ##b #🔥 #_ #१ # x #𝐀'],
    ['fire\u00a0in\u2003coach\u3000now\u2028\r\n\t'],
    ['e\u0301 café नि\u093c न\u093c क\u093c\u094d \u0958 क\u0951\u094d'],
    ['👩‍👧 🇮🇳 1️⃣ ❤️ ©™ \ud800 \udc00 \ue000 \u{10fffd} \u{E0067}'],
    ['Kelvin \u212a Å \u2126 \u2000 \u2329'],
  ])('%j', (text) => expect(cleanText(text)).toBe(cleanByRegex(text)));

  test('agrees with the regexes on random texts of the characters that matter', () => {
    const pieces = [
      'h', 't', 'p', 's', 'H', 'T', 'P', 'S', 'w', 'W', '.', ':', '/', 'http://', 'https://', 'HTTPS://', 'www.', 'http',
      '@', '#', '_', 'a', 'Z', '0', ' ', '  ', '\t', '\n', '\u00a0', '\u2000', '\u200b', '\u200d', '\u2028', '\ufeff',
      '\u0000', '\u007f', '\u0085', '\ue000', '\ud800', '\udc00', '🔥', '🏽', '🇮', '\ufe0f', '©', '𝐀', '\u{20000}', 'é',
      'e\u0301', '\u0301', 'İ', 'K', 'Ω', 'क', 'न', 'र', '\u093c', '\u094d', '\u0951', '\u0952', '\u0958', 'ा', '।', '५',
      '\u2329', '₹', '…',
    ];
    let seed = 1;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 20000; i++) {
      let text = '';
      for (let n = Math.floor(random() * 20); n > 0; n--) text += pieces[Math.floor(random() * pieces.length)];
      expect([text, cleanText(text)]).toEqual([text, cleanByRegex(text)]);
    }
  });

  test('agrees with the regexes on every UTF-16 unit after a #, before a handle and inside a URL', () => {
    const differ: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const char = String.fromCharCode(c);
      const text = `a${char}b #${char} x${char}@ab http://x${char}y न${char}`;
      if (cleanText(text) !== cleanByRegex(text)) differ.push(c.toString(16));
    }
    expect(differ).toEqual([]);
  });
});

describe('isSpace and toNfc', () => {
  test('isSpace is the regex \\s', () => {
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (isSpace(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
  });

  test('toNfc is normalize("NFC")', () => {
    const differ: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const char = String.fromCharCode(c);
      for (const text of [char, `न${char}`, `क\u094d${char}`, `${char}\u093c`, `${char}\u0301`]) {
        if (toNfc(text) !== text.normalize('NFC')) differ.push(c.toString(16));
      }
    }
    expect(differ).toEqual([]);
  });
});
