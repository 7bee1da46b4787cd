import type { Language } from './types';

const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const HANDLE = /(^|[^\w])@\w+/g;
// Emoji and the joiners/selectors/modifiers that glue them; ZWJ/ZWNJ also vanish, which only changes rendering.
const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u{1F3FB}-\u{1F3FF}]|\uFE0E|\uFE0F|[\u200B-\u200D]|\u2060|\uFEFF/gu;
const CONTROL = /[\p{Cc}\p{Co}]/gu;
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const ASCII_CONTROL = /[\x00-\x1F\x7F]/g;
const NON_ASCII = /[^\t-~]/;
const HASH = /#(?=[\p{L}\p{N}])/gu;
const SPACES = /\s+/g;
const DEVANAGARI_DIGITS = /[०-९]/g;

/** Devanagari digits become ASCII digits so numbers written either way are found. */
export function asciiDigits(text: string): string {
  return text.replace(DEVANAGARI_DIGITS, (d) => String(d.charCodeAt(0) - 0x0966));
}

/** The text as the classifier sees it: no URLs, handles, emoji or control characters; one space between words. */
export function cleanText(text: string): string {
  // Each pass runs only when its trigger character is there: most posts are short ASCII.
  let out = text;
  if (NON_ASCII.test(out)) out = out.normalize('NFC').replace(EMOJI, ' ').replace(CONTROL, ' ');
  else out = out.replace(ASCII_CONTROL, ' ');
  if (out.includes('http') || out.includes('www.')) out = out.replace(URL, ' ');
  if (out.includes('@')) out = out.replace(HANDLE, '$1 ');
  if (out.includes('#')) out = out.replace(HASH, '');
  return out.replace(SPACES, ' ').trim();
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
  const lower = text.toLowerCase();
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
