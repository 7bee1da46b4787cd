/**
 * Devanagari words in the Latin spelling Hinglish posts use ("मदद" → "madad", "तबीयत" → "tabiyat", "लड़की" →
 * "ladki"), so that a model hears the same word in both scripts. Long and short vowels merge the way Hinglish
 * writes them ("खराब" → "kharab"); the inherent vowel is dropped at the end of a word and between a vowel-consonant
 * and a consonant-vowel (Hindi's schwa deletion, the common case).
 */

const CONSONANTS: Record<string, string> = {
  'क': 'k', 'ख': 'kh', 'ग': 'g', 'घ': 'gh', 'ङ': 'n',
  'च': 'ch', 'छ': 'chh', 'ज': 'j', 'झ': 'jh', 'ञ': 'n',
  'ट': 't', 'ठ': 'th', 'ड': 'd', 'ढ': 'dh', 'ण': 'n',
  'त': 't', 'थ': 'th', 'द': 'd', 'ध': 'dh', 'न': 'n',
  'प': 'p', 'फ': 'ph', 'ब': 'b', 'भ': 'bh', 'म': 'm',
  'य': 'y', 'र': 'r', 'ल': 'l', 'व': 'v', 'श': 'sh', 'ष': 'sh', 'स': 's', 'ह': 'h',
  'क़': 'k', 'ख़': 'kh', 'ग़': 'g', 'ज़': 'z', 'फ़': 'f', 'ड़': 'd', 'ढ़': 'dh', 'य़': 'y',
  // the same letters precomposed (NFC writes them as a letter and a nukta)
  '\u0958': 'k', '\u0959': 'kh', '\u095a': 'g', '\u095b': 'z', '\u095c': 'd', '\u095d': 'dh', '\u095e': 'f', '\u095f': 'y',
};

/** With a nukta (़) after it, a consonant becomes this one. */
const NUKTA_FORMS: Record<string, string> = { 'क': 'क़', 'ख': 'ख़', 'ग': 'ग़', 'ज': 'ज़', 'फ': 'फ़', 'ड': 'ड़', 'ढ': 'ढ़', 'य': 'य़' };

const VOWELS: Record<string, string> = {
  'अ': 'a', 'आ': 'a', 'इ': 'i', 'ई': 'i', 'उ': 'u', 'ऊ': 'u', 'ऋ': 'ri',
  'ए': 'e', 'ऐ': 'ai', 'ओ': 'o', 'औ': 'au', 'ऑ': 'o', 'ऍ': 'e',
};

const SIGNS: Record<string, string> = {
  'ा': 'a', 'ि': 'i', 'ी': 'i', 'ु': 'u', 'ू': 'u', 'ृ': 'ri',
  'े': 'e', 'ै': 'ai', 'ो': 'o', 'ौ': 'au', 'ॉ': 'o', 'ॅ': 'e',
};

const VIRAMA = '्';
const NUKTA = '़';
/** anusvara and chandrabindu are written "n" ("नहीं" → "nahin", "मैं" → "main"); visarga "h" */
const MARKS: Record<string, string> = { 'ं': 'n', 'ँ': 'n', 'ः': 'h' };

/** One written unit: a consonant with the vowel it carries ('' after a virama, null for the inherent one). */
interface Unit {
  consonant: string;
  vowel: string | null;
  /** the vowel is a long ā (आ, ा) */
  long: boolean;
  after: string;
}

/** The Latin spelling of a Devanagari word; characters outside the script are kept as they are. */
export function transliterate(word: string): string {
  const units: Unit[] = [];
  for (let i = 0; i < word.length; i++) {
    let ch = word[i];
    if (word[i + 1] === NUKTA && NUKTA_FORMS[ch]) {
      ch = NUKTA_FORMS[ch];
      i++;
    }
    const last = units[units.length - 1];
    if (CONSONANTS[ch] !== undefined) units.push({ consonant: CONSONANTS[ch], vowel: null, long: false, after: '' });
    else if (VOWELS[ch] !== undefined) units.push({ consonant: '', vowel: VOWELS[ch], long: ch === 'आ', after: '' });
    else if (last && last.consonant && last.vowel === null && SIGNS[ch] !== undefined) {
      last.vowel = SIGNS[ch];
      last.long = ch === 'ा';
    } else if (last && last.consonant && last.vowel === null && ch === VIRAMA) last.vowel = '';
    else if (last && MARKS[ch] !== undefined) last.after += MARKS[ch];
    else if (ch !== NUKTA) units.push({ consonant: ch, vowel: '', long: false, after: '' });
  }
  // The inherent vowel, decided from the end of the word: dropped at the end of a word of more than one unit, and
  // after a vowel where the next consonant keeps its vowel ("ladaki" → "ladki", "samajhadar" → "samajhdar").
  const vowels: string[] = units.map((u) => u.vowel ?? 'a');
  for (let k = units.length - 1; k > 0; k--) {
    const u = units[k];
    if (u.vowel !== null || u.after !== '') continue;
    const next = units[k + 1];
    if (k === units.length - 1 || (units[k - 1].vowel !== '' && next.consonant !== '' && vowels[k + 1] !== '')) vowels[k] = '';
  }
  // A long ā is "aa" in a word of one syllable ("aag", "saaf", "baat") and "a" elsewhere ("khana", "kharab").
  const syllables = vowels.filter((v) => v !== '').length;
  let out = '';
  for (let k = 0; k < units.length; k++) {
    const long = syllables === 1 && units[k].long;
    out += units[k].consonant + (long ? 'aa' : vowels[k]) + units[k].after;
  }
  return out;
}
