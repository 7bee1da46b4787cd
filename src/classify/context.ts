import { fnv, RULE_SEED } from './hashing';
import { lexiconNames } from './lexicon';
import { CATEGORIES } from './types';

/**
 * linear-3's context features: what the rule view (rules.ts) learns from a whole post (how many danger words, whether
 * they are negated, told as past news, about money, whether fear and a woman come together, the danger words'
 * category and the post's most named topic, its length), computed from each word's lexicon flags in the same pass
 * over the words as the n-grams. A word's flags are looked up once and cached with its weights, so the rule view's
 * judgement costs a few integer operations per word instead of a regex scan per post.
 */
export const DANGER = 1;
export const WEAK = 2;
export const NEG = 4;
export const PAST = 8;
export const NOW = 16;
export const MONEY = 32;
export const FEAR = 64;
export const WOMAN = 128;

const CATEGORY_INDEX = new Map<string, number>(CATEGORIES.map((c, i) => [c, i]));

export interface WordInfo {
  flags: number;
  /** category index of the word's danger rule, -1 if none */
  dangerCategory: number;
  /** one bit per category the word is a topic or danger word of */
  topics: number;
}

const infos = new Map<string, WordInfo>();
const NO_INFO: WordInfo = { flags: 0, dangerCategory: -1, topics: 0 };

/** A word's lexicon flags (lowercase, NFC), cached. */
export function wordInfo(token: string): WordInfo {
  let info = infos.get(token);
  if (info) return info;
  const names = lexiconNames(token);
  if (names.length === 0) info = NO_INFO;
  else {
    let flags = 0;
    let dangerCategory = -1;
    let topics = 0;
    for (const name of names) {
      if (name === 'lex:neg') flags |= NEG;
      else if (name === 'lex:past') flags |= PAST;
      else if (name === 'lex:now') flags |= NOW;
      else if (name === 'lex:money') flags |= MONEY;
      else if (name === 'lex:fear') flags |= FEAR;
      else if (name === 'lex:woman') flags |= WOMAN;
      else {
        const m = /^lex:([a-z_]+):([dwt])$/.exec(name);
        if (!m) continue;
        const c = CATEGORY_INDEX.get(m[1]);
        if (c === undefined) continue;
        topics |= 1 << c;
        if (m[2] === 'd') {
          flags |= DANGER;
          if (dangerCategory < 0) dangerCategory = c;
        } else if (m[2] === 'w') flags |= WEAK;
      }
    }
    info = { flags, dangerCategory, topics };
  }
  if (infos.size > 200_000) infos.clear();
  infos.set(token, info);
  return info;
}

const SEED = RULE_SEED ^ 0x3c6ef372;
const h = (name: string) => fnv(SEED, name);
const DANGER_COUNT = [0, 1, 2, 3].map((n) => h(`ctx:d${n}`));
const WEAK_COUNT = [0, 1, 2].map((n) => h(`ctx:w${n}`));
const NEGATED_ONLY = h('ctx:neg-only');
const NEGATED_TOO = h('ctx:neg-too');
const PAST_DANGER = h('ctx:past');
const NOW_DANGER = h('ctx:now');
const MONEY_DANGER = h('ctx:money');
const FEAR_TOGETHER = h('ctx:fear');
const DANGER_CATEGORY = CATEGORIES.map((c) => h(`ctx:dcat:${c}`));
const TOP_TOPIC = [...CATEGORIES, 'none'].map((c) => h(`ctx:top:${c}`));
const LENGTH = [0, 1, 2, 3].map((n) => h(`ctx:len${n}`));
const LENGTH_BOUNDS = [3, 10, 25];

/** At most this many context features per post. */
export const MAX_CONTEXT = 12;

const topicCounts = new Int32Array(CATEGORIES.length);

/**
 * The context feature hashes of a post whose n-th word has flags `flags[at(n)]` (and so on), written into `out`;
 * returns how many. `at` maps a word's position to its row in the arrays (the word cache's slot), or is null.
 */
export function contextHashes(
  count: number,
  at: Int32Array | null,
  flagsOf: Int32Array,
  dangerCategoryOf: Int32Array,
  topicsOf: Int32Array,
  out: Uint32Array,
): number {
  let danger = 0;
  let weak = 0;
  let negated = 0;
  let past = false;
  let now = false;
  let money = false;
  let woman = false;
  let fear = 0;
  let dangerCategory = -1;
  let anyTopic = false;
  topicCounts.fill(0);
  for (let t = 0; t < count; t++) {
    const row = at ? at[t] : t;
    const f = flagsOf[row];
    if (f === 0 && topicsOf[row] === 0) continue;
    if (f & PAST) past = true;
    if (f & NOW) now = true;
    if (f & MONEY) money = true;
    if (f & WOMAN) woman = true;
    if (f & (DANGER | WEAK)) {
      // a negation up to three words before ("no fire", "koi chori nahi") or two after ("aag nahi lagi")
      let isNegated = false;
      for (let k = Math.max(0, t - 3); k < Math.min(count, t + 3) && !isNegated; k++) {
        if (k !== t && flagsOf[at ? at[k] : k] & NEG) isNegated = true;
      }
      if (isNegated) negated++;
      else if (f & DANGER) {
        danger++;
        if (dangerCategory < 0) dangerCategory = dangerCategoryOf[row];
      } else weak++;
      if (f & FEAR && !isNegated) fear++;
    }
    let topics = topicsOf[row];
    while (topics) {
      const c = 31 - Math.clz32(topics);
      topicCounts[c]++;
      anyTopic = true;
      topics &= ~(1 << c);
    }
  }
  let n = 0;
  out[n++] = DANGER_COUNT[Math.min(danger, 3)];
  if (weak) out[n++] = WEAK_COUNT[Math.min(weak, 2)];
  if (negated) out[n++] = danger ? NEGATED_TOO : NEGATED_ONLY;
  if (danger + weak > 0) {
    if (past && !now) out[n++] = PAST_DANGER;
    if (now) out[n++] = NOW_DANGER;
    if (money) out[n++] = MONEY_DANGER;
  }
  if (fear >= 2 || (fear && woman)) out[n++] = FEAR_TOGETHER;
  if (dangerCategory >= 0) out[n++] = DANGER_CATEGORY[dangerCategory];
  let top: number = CATEGORIES.length;
  if (anyTopic) {
    let best = 0;
    for (let c = 0; c < CATEGORIES.length; c++) {
      if (topicCounts[c] > best) {
        best = topicCounts[c];
        top = c;
      }
    }
  }
  out[n++] = TOP_TOPIC[top];
  let length = 0;
  while (length < LENGTH_BOUNDS.length && count > LENGTH_BOUNDS[length]) length++;
  out[n++] = LENGTH[length];
  return n;
}
