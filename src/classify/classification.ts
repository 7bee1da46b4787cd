import { extractNfc } from './extract';
import type { Category, Classification, Language } from './types';

/** The categories of an emergency: an Emergency answer takes one of these. */
export const URGENT: ReadonlySet<Category> = new Set(['security', 'medical', 'women_safety', 'child', 'safety_incident']);
/**
 * The index of the category a classification gives: an emergency takes the likeliest safety category, anything else
 * the likeliest of all (`z` holds each category's score, in the order of `categories`).
 */
export function categoryIndexOf(categories: readonly Category[], z: ArrayLike<number>, emergency: 0 | 1): number {
  let best = -1;
  for (let k = 0; k < categories.length; k++) {
    if (emergency && !URGENT.has(categories[k])) continue;
    if (best < 0 || z[k] > z[best]) best = k;
  }
  return best;
}

const SECURITY_LIKE: ReadonlySet<Category> = new Set([...URGENT, 'divyangjan']);

export function priorityOf(emergency: 0 | 1, category: Category): number {
  if (emergency) return URGENT.has(category) ? 1 : 2;
  if (SECURITY_LIKE.has(category)) return 3;
  return category === 'other' ? 5 : 4;
}

/** Confidence in the decision taken: 0.5 at the threshold, 1 at the far end. */
export function confidenceOf(p: number, threshold: number): number {
  const c = p >= threshold ? 0.5 + (0.5 * (p - threshold)) / (1 - threshold) : 0.5 + (0.5 * (threshold - p)) / threshold;
  return Math.round(c * 1000) / 1000;
}

/**
 * A model's answer with what the extractors find in `nfcText` and the priority its decision gives. Fields are listed
 * one by one: an object spread here made classify twice as slow.
 */
export function classificationOf(
  nfcText: string,
  emergency: 0 | 1,
  category: Category,
  confidence: number,
  modelVersion: string,
  keywords: string[],
  language: Language,
  review = false,
): Classification {
  const { pnr, train, coach, berth } = extractNfc(nfcText);
  return {
    pnr,
    train,
    coach,
    berth,
    emergency,
    category,
    priority: priorityOf(emergency, category),
    confidence,
    review: emergency === 0 && review,
    modelVersion,
    keywords,
    language,
  };
}
