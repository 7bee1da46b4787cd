import { asciiDigits, nfc, toNfc } from './clean';
import type { Extraction } from './types';

const URL = /\b(?:https?:\/\/|www\.)\S+/gi;

/** The text the extractors read, from the text in NFC: ASCII digits, no URLs. */
function prepareNfc(text: string): string {
  let out = asciiDigits(text);
  if (out.includes('http') || out.includes('www.')) out = out.replace(URL, ' ');
  return out;
}

function prepare(text: string): string {
  return prepareNfc(toNfc(text));
}

const ANY_DIGIT = 1;
const FIVE = 2; // a number of exactly five digits
const TEN = 4; // a number of exactly ten digits

/** Which numbers a prepared text has; an extractor whose pattern needs one the text lacks has nothing to find. */
function numbersIn(source: string): number {
  let found = 0;
  let run = 0;
  for (let i = 0; i <= source.length; i++) {
    const c = i < source.length ? source.charCodeAt(i) : 0;
    if (c >= 48 && c <= 57) {
      run++;
      continue;
    }
    if (run === 0) continue;
    found |= run === 5 ? ANY_DIGIT | FIVE : run === 10 ? ANY_DIGIT | TEN : ANY_DIGIT;
    run = 0;
  }
  return found;
}

const TEN_DIGITS = /(?<![\d+])(\d{10})(?!\d)|(?<!\d)(\d{5})[ -](\d{5})(?!\d)/g;
const PNR_LABEL = nfc(/(?:pnr|पीएनआर)\s*(?:no|num|number|नंबर|नं)?\.?\s*(?:is|hai|है)?\s*[:#=-]?\s*$/i);
const PHONE_PREFIX = /(?:\+\s*91|\b91|\b0)[\s-]*$/;
const PHONE_WORD =
  nfc(/(?:mobile|\bmob\b|\bmob\.|\bph\b|\bph\.|phone|\bcall|contact|whatsapp|\bcell\b|मोबाइल|फोन|फ़ोन|संपर्क)[^\d]{0,20}$/i);

/** A 10-digit PNR; phone numbers (+91/0 prefix, a phone word before a 6-9 number, or 98765-43210) are not PNRs. */
export function extractPnr(text: string): string | null {
  const source = prepare(text);
  return pnrIn(source, numbersIn(source));
}

function pnrIn(source: string, numbers: number): string | null {
  // only a number of exactly ten digits can be the PNR
  if (!(numbers & TEN)) return null;
  let fallback: string | null = null;
  for (const m of source.matchAll(TEN_DIGITS)) {
    if (m[2] !== undefined) continue; // written in two halves of five: a mobile number
    const digits = m[1];
    const before = source.slice(Math.max(0, m.index - 30), m.index);
    if (PNR_LABEL.test(before)) return digits;
    if (PHONE_PREFIX.test(before)) continue;
    if (/^[6-9]/.test(digits) && PHONE_WORD.test(before)) continue;
    fallback ??= digits;
  }
  return fallback;
}

const FIVE_DIGITS = /(?<![\d₹])(\d{5})(?!\d)/g;
const TRAIN_BEFORE = nfc(/(?:train|trn|gadi|gaadi|ट्रेन|गाड़ी|गाडी|रेलगाड़ी)\s*(?:no|number|num|नंबर|सं|संख्या)?\.?\s*[:#-]?\s*$/i);
const TRAIN_AFTER = nfc(/^\s*(?:[A-Z][a-z]+|[\u0900-\u097F]+)?\s*(?:express|exp|mail|rajdhani|shatabdi|duronto|superfast|sf|vande|garib|humsafar|tejas|passenger|एक्सप्रेस|राजधानी|शताब्दी|मेल)/i);
const NOT_TRAIN_BEFORE = /(?:rs\.?|inr|₹|rupees?|pin|pincode|\+\s*91|\d{5})[ -]?\s*$/i;
const NOT_TRAIN_AFTER = /^(?:[ -]\d|\s*(?:rs|rupees?|रुपये|km|kms))/i;

/** A 5-digit train number that is not part of a longer number, an amount or a split phone number. */
export function extractTrain(text: string): string | null {
  const source = prepare(text);
  return trainIn(source, numbersIn(source));
}

function trainIn(source: string, numbers: number): string | null {
  if (!(numbers & FIVE)) return null;
  let fallback: string | null = null;
  for (const m of source.matchAll(FIVE_DIGITS)) {
    const before = source.slice(Math.max(0, m.index - 25), m.index);
    const after = source.slice(m.index + 5, m.index + 35);
    if (TRAIN_BEFORE.test(before) || TRAIN_AFTER.test(after)) return m[1];
    if (NOT_TRAIN_BEFORE.test(before) || NOT_TRAIN_AFTER.test(after)) continue;
    fallback ??= m[1];
  }
  return fallback;
}

// Indian Railways coach codes: class letters and a number (B3, S7, A1, H1, M2, C4, D1, E1, G2, HA1), or GS / SL.
const COACH_NAMED =
  nfc(/(?:coach|bogie|bogi|boggy|dibba|dabba|कोच|डिब्बा|बोगी)\s*(?:no|number)?\.?\s*[:#-]?\s*((?:ha|ab|ec|ea|ev|cc|[abcdehsmg])\s*-?\s*\d{1,2}|gs|gen|sl|slr)(?![a-z\d])/i);
const COACH_BARE = /(?<![A-Za-z\d/.-])((?:HA|AB|EC|EA|EV|CC|[ABCDEHSMG])-?\d{1,2})(?![A-Za-z\d])|(?<![A-Za-z])(GS|SLR)(?![A-Za-z])/i;
const COACH_BARE_LOWER_CONTEXT = nfc(/(?:coach|bogie|dibba|कोच|डिब्बा|berth|seat|बर्थ|सीट|train|ट्रेन|pnr)/i);

function normalizeCoach(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/** The coach code, uppercase without separators: "coach b-3" → "B3", "GS". */
export function extractCoach(text: string): string | null {
  return coachIn(prepare(text));
}

function coachIn(source: string): string | null {
  const named = COACH_NAMED.exec(source);
  if (named) return normalizeCoach(named[1]);
  const bare = COACH_BARE.exec(source);
  if (!bare) return null;
  const code = bare[1] ?? bare[2];
  // A lowercase bare code ("a1 service") counts only next to other journey details.
  if (code !== code.toUpperCase() && !COACH_BARE_LOWER_CONTEXT.test(source)) return null;
  return normalizeCoach(code);
}

const BERTH =
  nfc(/(?:berth|birth|seat|बर्थ|सीट)\s*(?:no|number|num|नंबर|नं|संख्या)?\.?\s*(?:is|hai|है)?\s*[:#-]?\s*(\d{1,3})(?!\d)/i);
const COACH_SLASH_BERTH = /(?<![A-Za-z\d])(?:HA|AB|EC|CC|[ABCDEHSMG])\d{1,2}\s*\/\s*(\d{1,3})(?!\d)/i;

/** The berth or seat number: "berth 23", "seat no. 45", "बर्थ 23", "B3/23" → "23". */
export function extractBerth(text: string): string | null {
  const source = prepare(text);
  return berthIn(source, numbersIn(source));
}

function berthIn(source: string, numbers: number): string | null {
  if (!(numbers & ANY_DIGIT)) return null;
  const m = BERTH.exec(source) ?? (source.includes('/') ? COACH_SLASH_BERTH.exec(source) : null);
  return m ? String(Number(m[1])) : null;
}

export function extract(text: string): Extraction {
  return extractNfc(toNfc(text));
}

/** extract of a text already in NFC. */
export function extractNfc(text: string): Extraction {
  const source = prepareNfc(text);
  const numbers = numbersIn(source);
  return { pnr: pnrIn(source, numbers), train: trainIn(source, numbers), coach: coachIn(source), berth: berthIn(source, numbers) };
}
