import { classificationOf } from './classification';
import { cleanText, detectLanguage, nfcOfLastCleaned } from './clean';
import {
  KEYWORD_RULES,
  LOOSE_PHRASES,
  MONEY_WORDS,
  NEGATIONS,
  NOW_MARKERS,
  PAST_MARKERS,
  type KeywordRule,
} from './keywords';
import { TermMatcher, termSource } from './patterns';
import { CATEGORIES, type Category, type Classification } from './types';

export const RULES_MODEL_VERSION = 'rules-1';

// Danger cues first, then the more specific topics: at one position the first matching list wins.
const ORDERED: KeywordRule[] = [...KEYWORD_RULES].sort((a, b) => b.danger - a.danger || b.topic - a.topic);
// Loose phrases come first: they hide the danger words inside them.
const LOOSE_TOPIC = 1.5;
const ALL_TERMS = new TermMatcher([
  ...LOOSE_PHRASES.map((l) => l.terms),
  ...ORDERED.map((r) => [...r.en, ...r.hi, ...r.hinglish]),
]);
const PAST = 0;
const NOW = 1;
const MONEY = 2;
const MARKERS = new TermMatcher([PAST_MARKERS, NOW_MARKERS, MONEY_WORDS]);
const MONEY_CATEGORIES: ReadonlySet<Category> = new Set(['catering', 'ticketing', 'corruption']);
const NEGATION_BEFORE = new RegExp(
  `(?:^|[^a-z\\u0900-\\u097F])(?:${NEGATIONS.map(termSource).join('|')})\\s+(?:\\S+\\s+)?$`,
);
const NEGATION_AFTER = new RegExp(
  '^\\s*(?:\\S+\\s+)?(?:nahi|nahin|nhi|नहीं|नही)\\s*(?:hai|hain|hua|hui|lagi|laga|tha|thi|है|हैं|हुआ|हुई|लगी|लगा|था|थी)?\\s*[.,!?।]*\\s*$'
    .normalize('NFC'),
);

interface Hit {
  rule: KeywordRule;
  text: string;
  index: number;
}

function isNegated(text: string, hit: Hit): boolean {
  const before = text.slice(Math.max(0, hit.index - 30), hit.index);
  if (NEGATION_BEFORE.test(before)) return true;
  const end = hit.index + hit.text.length;
  // "aag nahi lagi", "no fire": a negation right after a Hindi cue, ending the clause
  const after = text.slice(end, end + 25).split(/[,;]|\band\b|\baur\b|और/)[0];
  return NEGATION_AFTER.test(after);
}

export interface RuleScores {
  danger: number;
  dangerCategory: Category | null;
  topics: Map<Category, number>;
  keywords: string[];
  /** the danger words alone, in order of appearance */
  dangerWords: string[];
}

/** The scores behind a rule-based decision; exported for tests and for the trained model's features. */
export function scoreText(cleaned: string): RuleScores {
  const text = cleaned.toLowerCase();
  const hits: Hit[] = [];
  const topics = new Map<Category, number>();
  let past = false;
  let now = false;
  let money = false;
  let anyDanger = false;
  for (const m of ALL_TERMS.matchAll(text)) {
    if (m.list < LOOSE_PHRASES.length) {
      const { category } = LOOSE_PHRASES[m.list];
      topics.set(category, (topics.get(category) ?? 0) + LOOSE_TOPIC);
      continue;
    }
    const rule = ORDERED[m.list - LOOSE_PHRASES.length];
    if (MONEY_CATEGORIES.has(rule.category)) money = true;
    if (rule.danger > 0) anyDanger = true;
    hits.push({ rule, text: m.text, index: m.index });
  }
  // Past, present and money markers only temper danger words, so most feedback skips this second pass.
  if (anyDanger) {
    for (const m of MARKERS.matchAll(text)) {
      if (m.list === PAST) past = true;
      else if (m.list === NOW) now = true;
      else if (m.list === MONEY) money = true;
    }
  }
  const dangerByRule = new Map<KeywordRule, Set<string>>();
  const dangerWords: string[] = [];
  const topicWords: { word: string; weight: number }[] = [];
  let woman = false;
  let corruption = false;
  for (const hit of hits) {
    const { rule } = hit;
    if (rule.woman) woman = true;
    if (rule.category === 'corruption') corruption = true;
    const word = hit.text.trim();
    const negated = rule.danger > 0 && isNegated(text, hit);
    topics.set(rule.category, (topics.get(rule.category) ?? 0) + rule.topic * (negated ? 0.3 : 1));
    if (rule.danger > 0 && !(rule.money && money) && !negated) {
      const seen = dangerByRule.get(rule) ?? new Set<string>();
      seen.add(word);
      dangerByRule.set(rule, seen);
      dangerWords.push(word);
    } else if (rule.topic >= 1.5) {
      topicWords.push({ word, weight: rule.topic });
    }
  }
  let danger = 0;
  let best = 0;
  let dangerCategory: Category | null = null;
  let fear = false;
  for (const [rule, words] of dangerByRule) {
    let weight = rule.danger * Math.min(words.size, 2);
    if (rule.personal && corruption && !woman) weight /= 2; // a TTE "harassing" for money is corruption
    if (rule.fear) fear = true;
    danger += weight;
    if (weight > best) {
      best = weight;
      dangerCategory = rule.personal || rule.fear ? (woman ? 'women_safety' : 'security') : rule.category;
    }
  }
  if (fear && woman) danger += 0.5;
  if (danger > 0 && past && !now) danger *= 0.3;
  topicWords.sort((a, b) => b.weight - a.weight);
  const keywords = [...new Set([...dangerWords, ...topicWords.map((t) => t.word)])].slice(0, 5);
  return { danger, dangerCategory, topics, keywords, dangerWords: [...new Set(dangerWords)] };
}

/** The category with the highest topic score; 'other' when no topic word was found. */
export function topCategory(topics: Map<Category, number>): Category {
  let best: Category = 'other';
  let score = 0;
  for (const category of CATEGORIES) {
    const s = topics.get(category) ?? 0;
    if (s > score) {
      best = category;
      score = s;
    }
  }
  return best;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The first classifier: keyword tables in English, Hindi and Hinglish with negation and past-news damping. */
export function classifyWithRules(text: string): Classification {
  const cleaned = cleanText(text);
  const nfcText = nfcOfLastCleaned(); // what the extractors read
  const scores = scoreText(cleaned);
  const emergency: 0 | 1 = scores.danger >= 1 ? 1 : 0;
  const category = emergency && scores.dangerCategory ? scores.dangerCategory : topCategory(scores.topics);
  const p = sigmoid(4 * (scores.danger - 0.75));
  const confidence = Math.round((emergency ? p : 1 - p) * 1000) / 1000;
  return classificationOf(nfcText, emergency, category, confidence, RULES_MODEL_VERSION, scores.keywords, detectLanguage(cleaned));
}
