import { writeFileSync } from 'node:fs';
import type { Category, Language } from '../types';
import { CORPUS_FILE } from './file';
import { HARD_CASES } from './hard-cases';
import { decorate } from './noise';
import { SLOTS } from './slots';
import { expand, seededRandom, type TemplateSet } from './template';
import { ENGLISH } from './templates-en';
import { HINDI } from './templates-hi';
import { HINGLISH } from './templates-hinglish';
import { MIXED } from './templates-mixed';

export interface CorpusRow {
  text: string;
  emergency: 0 | 1;
  category: Category;
  language: Language;
  /** rows from one template or one hand-written case share a group; splits never cut a group */
  group: string;
}

export const CORPUS_SEED = 20250601;
export { CORPUS_FILE };

// How many texts each (category, label) cell gets per language.
const TARGETS: Record<Language, { emergency: number; feedback: number }> = {
  en: { emergency: 70, feedback: 55 },
  hi: { emergency: 45, feedback: 35 },
  hinglish: { emergency: 45, feedback: 35 },
  mixed: { emergency: 12, feedback: 8 },
};

function fromTemplates(sets: TemplateSet[], language: Language, random: () => number, seen: Set<string>): CorpusRow[] {
  const slots = SLOTS[language === 'mixed' ? 'hi' : language];
  const rows: CorpusRow[] = [];
  for (const set of sets) {
    const target = set.emergency ? TARGETS[language].emergency : TARGETS[language].feedback;
    const perTemplate = Math.ceil(target / set.templates.length);
    set.templates.forEach((template, index) => {
      const group = `${language}:${set.category}:${set.emergency}:${index}`;
      let made = 0;
      for (let attempt = 0; made < perTemplate && attempt < perTemplate * 6; attempt++) {
        const text = decorate(expand(template, random, slots), language, random);
        if (seen.has(text)) continue;
        seen.add(text);
        rows.push({ text, emergency: set.emergency, category: set.category, language, group });
        made++;
      }
    });
  }
  return rows;
}

/** The whole corpus, the same for the same seed: template rows, then each hard case as written and once dressed up. */
export function generateCorpus(seed = CORPUS_SEED): CorpusRow[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const rows = [
    ...fromTemplates(ENGLISH, 'en', random, seen),
    ...fromTemplates(HINDI, 'hi', random, seen),
    ...fromTemplates(HINGLISH, 'hinglish', random, seen),
    ...fromTemplates(MIXED, 'mixed', random, seen),
  ];
  HARD_CASES.forEach(([text, emergency, category, language], index) => {
    const group = `hard:${index}`;
    for (const variant of [text, decorate(text, language, random)]) {
      if (seen.has(variant)) continue;
      seen.add(variant);
      rows.push({ text: variant, emergency, category, language, group });
    }
  });
  return rows;
}

export function toJsonl(rows: CorpusRow[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

if (require.main === module) {
  const rows = generateCorpus();
  writeFileSync(CORPUS_FILE, toJsonl(rows));
  process.stdout.write(`wrote ${rows.length} rows to ${CORPUS_FILE}\n`);
}
