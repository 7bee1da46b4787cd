import type { Language } from './types';

// The classes cleanText removes or keeps, as regexes: its one pass over the characters asks them once per character.
const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u{1F3FB}-\u{1F3FF}]|\uFE0E|\uFE0F|[\u200B-\u200D]|\u2060|\uFEFF/u;
// Emoji and the joiners/selectors/modifiers that glue them; ZWJ/ZWNJ also vanish, which only changes rendering.
const CONTROL = /[\p{Cc}\p{Co}]/u;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
const DEVANAGARI_DIGITS = /[०-९]/;

/** Devanagari digits become ASCII digits so numbers written either way are found. */
export function asciiDigits(text: string): string {
  if (!DEVANAGARI_DIGITS.test(text)) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x0966 || c > 0x096f) continue;
    out += text.slice(from, i) + String.fromCharCode(c - 0x0966 + 48);
    from = i + 1;
  }
  return out + text.slice(from);
}

// What cleanText needs to know of a character, found on first sight (the classes by the regexes above) and kept.
const KNOWN = 1;
const GONE = 2; // emoji, joiner, selector, control, private use: becomes a space
const LETTER = 4; // a letter or a number, which a # before makes a hashtag
const INERT = 8; // allowed in NFC and of combining class 0, so NFC never changes it nor composes it with the one before

/**
 * The characters known to be inert for NFC, in the blocks posts are written in: Latin up to U+02FF, Devanagari but
 * for its marks and the nukta letters, punctuation, currency, arrows and symbols, ideographic space, variation
 * selectors, BOM (checked against the Unicode data: NFC_Quick_Check=Yes, Canonical_Combining_Class=0, not the
 * second of a composition). Anything else only means "normalize to know".
 */
function inert(c: number): boolean {
  if (c < 0x300) return true;
  if (c >= 0x900 && c <= 0x97f) return markClass(c) === 0 && !(c >= 0x958 && c <= 0x95f);
  return (
    (c >= 0x2002 && c <= 0x206f) ||
    (c >= 0x20a0 && c <= 0x20cf) ||
    (c >= 0x2190 && c <= 0x2bff && c !== 0x2329 && c !== 0x232a && c !== 0x2adc) ||
    c === 0x3000 ||
    (c >= 0xfe00 && c <= 0xfe0f) ||
    c === 0xfeff
  );
}

/** The combining class of the Devanagari marks: nukta 7, virama 9, stress signs 220/230; 0 for anything else. */
function markClass(c: number): number {
  if (c < 0x93c || c > 0x954) return 0;
  return c === 0x93c ? 7 : c === 0x94d ? 9 : c === 0x952 ? 220 : c === 0x951 || c === 0x953 || c === 0x954 ? 230 : 0;
}

/**
 * Whether the character at i, not inert, still leaves the text in NFC: a Devanagari mark in combining-class order
 * after the character before it, and a nukta not after न, र or ळ (with which it composes into ऩ, ऱ, ऴ).
 */
function markFits(text: string, i: number, c: number): boolean {
  const cls = markClass(c);
  if (cls === 0) return false;
  const before = i > 0 ? text.charCodeAt(i - 1) : 0;
  if (markClass(before) > cls) return false;
  return !(c === 0x93c && (before === 0x928 || before === 0x930 || before === 0x933));
}

/** Whether an astral character (high surrogate c) is inert for NFC: U+1F000-U+1FBFF, emoji and other symbols. */
function astralInert(c: number): boolean {
  return c >= 0xd83c && c <= 0xd83e;
}

function infoOf(c: number, char: string): number {
  return (
    KNOWN |
    (EMOJI.test(char) || CONTROL.test(char) ? GONE : 0) |
    (LETTER_OR_NUMBER.test(char) ? LETTER : 0) |
    (c <= 0xffff && !(c >= 0xd800 && c <= 0xdfff) && inert(c) ? INERT : 0)
  );
}

const bmpInfo = new Uint8Array(0x10000);
const astralInfo = new Map<number, number>();

function infoBmp(c: number): number {
  let info = bmpInfo[c];
  if (info === 0) bmpInfo[c] = info = infoOf(c, String.fromCharCode(c));
  return info;
}

function infoAstral(codePoint: number): number {
  let info = astralInfo.get(codePoint);
  if (info === undefined) astralInfo.set(codePoint, (info = infoOf(codePoint, String.fromCodePoint(codePoint))));
  return info;
}

/**
 * Whether a text is surely in NFC already: the Unicode quick check (every character allowed in NFC, combining
 * classes in order) where every character is one of those above. false means only "normalize to know".
 */
function surelyNfc(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x300) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (!astralInert(c) || !(low >= 0xdc00 && low <= 0xdfff)) return false;
      i++;
      continue;
    }
    if (!(infoBmp(c) & INERT) && !markFits(text, i, c)) return false;
  }
  return true;
}

/** The text in NFC, without normalizing a text that already is. */
export function toNfc(text: string): string {
  return surelyNfc(text) ? text : text.normalize('NFC');
}

/** JavaScript's \s: WhiteSpace and LineTerminator. */
export function isSpace(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** A regex \w (ASCII) character. */
function isWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

let buffer = new Uint16Array(1024);
let bytes = Buffer.from(buffer.buffer);
// A Buffer over the same memory reads the characters back as a string in one step, where the machine is little-endian.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let lastNfc = '';

/** The text as the classifier sees it: no URLs, handles, emoji or control characters; one space between words. */
export function cleanText(text: string): string {
  return clean(text, true);
}

/** The text the last cleanText call cleaned, in NFC (what extract reads). */
export function nfcOfLastCleaned(): string {
  return lastNfc;
}

/**
 * cleanText. It does what these replacements did one after the other (each on the result of the one before), in a
 * buffer of the characters where every character keeps its place:
 *   text.normalize('NFC') (not for a text already in NFC: see surelyNfc)
 *   emoji, joiners, selectors, modifiers, control and private-use characters → ' ' (an emoji of two UTF-16 units
 *     becomes two spaces here, one after the last step either way)
 *   /\b(?:https?:\/\/|www\.)\S+/gi → ' ', when the text has "http" or "www." (case as written)
 *   /(^|[^\w])@\w+/g → '$1 '
 *   /#(?=[\p{L}\p{N}])/gu → ''
 *   /\s+/g → ' ', then trim()
 * A text it does not change is returned as it is.
 */
function clean(text: string, check: boolean): string {
  const n = text.length;
  if (buffer.length < n) {
    buffer = new Uint16Array(2 * n);
    bytes = Buffer.from(buffer.buffer);
  }
  const b = buffer;
  let same = true;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x7f) {
      if (c < 32) {
        b[i] = 32;
        same = false;
      } else b[i] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        if (check && !astralInert(c)) return clean(text.normalize('NFC'), false);
        if (infoAstral((c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000) & GONE) {
          b[i] = 32;
          b[i + 1] = 32;
          same = false;
        } else {
          b[i] = c;
          b[i + 1] = low;
        }
        i++;
        continue;
      }
    }
    const info = infoBmp(c);
    if (check && !(info & INERT) && !markFits(text, i, c)) return clean(text.normalize('NFC'), false);
    if (info & GONE) {
      b[i] = 32;
      same = false;
    } else b[i] = c;
  }
  lastNfc = text;
  if (text.includes('http') || text.includes('www.')) {
    for (let p = 0; p < n; ) {
      const end = urlAt(b, p, n);
      if (end < 0) {
        p++;
        continue;
      }
      b.fill(32, p, end);
      same = false;
      p = end;
    }
  }
  // The handle regex tries each place from the end of its last match on; a match is a non-word character (or the
  // start) then @ and word characters, so each @ in turn decides whether it begins one.
  let end = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    if (at < end || b[at] !== 64 || at + 1 >= n || !isWord(b[at + 1])) continue;
    if (at > 0 && (at - 1 < end || isWord(b[at - 1]))) continue;
    end = at + 2;
    while (end < n && isWord(b[end])) end++;
    b.fill(32, at, end);
    same = false;
  }
  const hashes = text.includes('#');
  let k = 0;
  let space = false;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 32 || (c >= 0x80 && isSpace(c))) {
      if (c !== 32) same = false;
      if (k > 0) space = true;
      continue;
    }
    if (c === 35 && hashes && i + 1 < n && letterAt(b, i + 1, n)) continue;
    if (space) {
      b[k++] = 32;
      space = false;
    }
    b[k++] = c;
  }
  if (same && k === n) return text;
  return stringOf(b, k);
}

/** Where the URL starting at p ends (the regex /\b(?:https?:\/\/|www\.)\S+/i at p), or -1. */
function urlAt(b: Uint16Array, p: number, j: number): number {
  const c = b[p] | 32;
  if ((c !== 104 && c !== 119) || (p > 0 && isWord(b[p - 1])) || p + 4 >= j) return -1;
  let q: number;
  if (c === 104) {
    // http:// or https://
    if ((b[p + 1] | 32) !== 116 || (b[p + 2] | 32) !== 116 || (b[p + 3] | 32) !== 112) return -1;
    q = p + 4;
    if ((b[q] | 32) === 115) q++;
    if (q + 3 > j || b[q] !== 58 || b[q + 1] !== 47 || b[q + 2] !== 47) return -1;
    q += 3;
  } else {
    // www.
    if ((b[p + 1] | 32) !== 119 || (b[p + 2] | 32) !== 119 || b[p + 3] !== 46) return -1;
    q = p + 4;
  }
  if (q >= j || isSpace(b[q])) return -1;
  while (q < j && !isSpace(b[q])) q++;
  return q;
}

/** Whether the character at i is a letter or a number (a code point: a surrogate pair counts as one). */
function letterAt(b: Uint16Array, i: number, j: number): boolean {
  const c = b[i];
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < j) {
    const low = b[i + 1];
    if (low >= 0xdc00 && low <= 0xdfff) return (infoAstral((c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000) & LETTER) !== 0;
  }
  return (infoBmp(c) & LETTER) !== 0;
}

function stringOf(b: Uint16Array, length: number): string {
  if (LITTLE_ENDIAN) return bytes.toString('utf16le', 0, 2 * length);
  let out = '';
  for (let i = 0; i < length; i += 4096) {
    out += String.fromCharCode.apply(null, b.subarray(i, Math.min(length, i + 4096)) as unknown as number[]);
  }
  return out;
}

// Words that only Hindi written in Latin letters uses; common English look-alikes (me, the, do, to, main) are left out.
const HINGLISH_WORDS = new Set(
  `hai hain nahi nahin nhi nai kya kyu kyun kyon kyunki mera meri mere mujhe muje humko hume hamara humara hamari
  aap aapka aapki aapke apna apni apne bhai bhaiya bhaisahab ji koi kuch aur ka ki ke ko se mein mai pe ho hota
  hoti raha rahi rahe gaya gayi gaye gya diya liya karo kare karein karen kijiye kijiye kripya krpya kirpya jaldi abhi
  bahut bohot bahot bhot yaha yahan yahaan waha wahan logon pani paani khana khaana gadi gaadi dibba dibbe
  madad chor chori hua hui huye hue tha thi sab sabhi kab kaha kahan lekin magar ek wala wali wale baccha bachcha
  bachche bacche beta didi aurat mahila ladki ladkiyan ladka safai ganda gandi gandagi bilkul sahi galat paisa paise
  rupaye rupay bijli pankha batti chal chalti chalta kharab bhi nahiin sirf kitna kitni kaun kisi
  unka uska unko usko yeh ye woh wo isme usme bata batao bataye dekho dekhiye suno kar karke wapas milega mila mili
  nikal baith baithe raat subah shaam ghante ghanta bhejo bhejiye bachao zyada jyada thoda sakte sakta sakti
  chahiye hoga hogi lagta lagi laga dard bimar beemar behosh aag dhuan`.split(/\s+/),
);

const LONGEST_HINGLISH = Math.max(...[...HINGLISH_WORDS].map((w) => w.length));

/**
 * 'hi' Devanagari, 'mixed' Devanagari with English words, 'hinglish' Hindi in Latin letters, else 'en'. Counts runs
 * of Devanagari (U+0900-U+097F) and runs of two or more Latin letters in one pass, without regexes.
 */
export function detectLanguage(text: string): Language {
  return languageOfLower(text.toLowerCase());
}

/** detectLanguage of a text already lowercased (toLowerCase). */
export function languageOfLower(lower: string): Language {
  let devanagari = 0;
  let latin = 0;
  let hinglish = 0;
  let kind = 0; // 1 latin, 2 devanagari
  let start = 0;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 0;
    const k = c >= 97 && c <= 122 ? 1 : c >= 0x0900 && c <= 0x097f ? 2 : 0;
    if (k === kind) continue;
    if (kind === 1 && i - start >= 2) {
      latin++;
      if (i - start <= LONGEST_HINGLISH && hinglish < 2 && HINGLISH_WORDS.has(lower.slice(start, i))) hinglish++;
    }
    kind = k;
    start = i;
    if (k === 2) devanagari++;
  }
  if (devanagari > 0) {
    if (latin === 0) return 'hi';
    const share = latin / (latin + devanagari);
    return latin >= 2 && share >= 0.2 ? 'mixed' : 'hi';
  }
  if (hinglish >= 2 || (hinglish === 1 && latin <= 4)) return 'hinglish';
  return 'en';
}

/** The same regex with its Devanagari in NFC form, the form cleaned text is in (nukta letters decomposed). */
export function nfc(pattern: RegExp): RegExp {
  return new RegExp(pattern.source.normalize('NFC'), pattern.flags);
}
