import { classifyWithRules } from './rules';
import type { Classification } from './types';

export * from './types';
export { cleanText, detectLanguage } from './clean';
export { extract, extractBerth, extractCoach, extractPnr, extractTrain } from './extract';
export { classifyWithRules, RULES_MODEL_VERSION } from './rules';

/** Classifies one complaint text with the current model. */
export function classify(text: string): Classification {
  return classifyWithRules(text);
}
