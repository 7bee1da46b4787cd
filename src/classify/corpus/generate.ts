import { writeFileSync } from 'node:fs';
import type { Category, Language } from '../types';
import { CORPUS_FILE } from './file';
import { decorate } from './noise';
import { SLOTS } from './slots';
import { expand, pick, seededRandom, type TemplateSet } from './template';
import { loadAsides, loadContext, loadPosts, loadTemplates, type Post } from './texts';

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
  const contexts = loadContext();
  const asides = loadAsides();
  const seen = new Set<string>();
  const rows = [
    ...fromTemplates(loadTemplates('templates-en.jsonl'), 'en', random, seen),
    ...fromTemplates(loadTemplates('templates-hi.jsonl'), 'hi', random, seen),
    ...fromTemplates(loadTemplates('templates-hinglish.jsonl'), 'hinglish', random, seen),
    ...fromTemplates(loadTemplates('templates-mixed.jsonl'), 'mixed', random, seen),
  ];
  loadPosts('hard-cases.jsonl').forEach(([text, emergency, category, language], index) => {
    const group = `hard:${index}`;
    for (const variant of [text, decorate(text, language, random)]) {
      if (seen.has(variant)) continue;
      seen.add(variant);
      rows.push({ text: variant, emergency, category, language, group });
    }
  });
  const posts = (list: readonly Post[], prefix: string) =>
    list.forEach(([template, emergency, category, language], index) => {
      const group = `${prefix}:${index}`;
      const slots = SLOTS[language === 'mixed' ? 'hi' : language];
      let made = 0;
      for (let attempt = 0; made < POST_COPIES && attempt < POST_COPIES * 4; attempt++) {
        let text = expand(template, random, slots);
        if (made > 0) text = decorate(text, language, random);
        if (made > 1) text = wrap(text, emergency, language, random, contexts, asides);
        if (seen.has(text)) continue;
        seen.add(text);
        rows.push({ text, emergency, category, language, group });
        made++;
      }
    });
  posts(loadPosts('posts.jsonl'), 'post');
  posts(TWEET_FILES.flatMap(loadPosts), 'tweet');
  // Real posts are longer than one templated sentence: half the other rows come again inside journey details and
  // requests, an emergency sometimes with a feedback aside; the copy stays in its row's group.
  const wrapped: CorpusRow[] = [];
  for (const row of rows) {
    if (row.group.startsWith('post:') || row.group.startsWith('tweet:') || random() >= WRAP_SHARE) continue;
    const text = wrap(row.text, row.emergency, row.language, random, contexts, asides);
    if (seen.has(text)) continue;
    seen.add(text);
    wrapped.push({ ...row, text });
  }
  return [...rows, ...wrapped];
}

const POST_COPIES = 4;
/** The `tweet:` posts, in the order their groups are numbered. */
const TWEET_FILES = [
  'tweets-en.jsonl',
  'tweets-hi.jsonl',
  'tweets-hinglish.jsonl',
  'tweets-more.jsonl',
  'tweets-more-hi.jsonl',
  'tweets-rules-en.jsonl',
  'tweets-rules-hinglish.jsonl',
  'tweets-rules-hi.jsonl',
];
const WRAP_SHARE = 0.5;

/** The text inside label-free context sentences (before, after or both), sometimes with a feedback aside. */
export function wrap(
  text: string,
  emergency: 0 | 1,
  language: Language,
  random: () => number,
  contexts = loadContext(),
  asides = loadAsides(),
): string {
  const script = language === 'mixed' ? 'hi' : language;
  const slots = SLOTS[script];
  const context = contexts[script];
  const parts = [text];
  const where = random();
  if (where < 0.7) parts.unshift(expand(pick(random, context.before), random, slots));
  if (where > 0.35) parts.push(expand(pick(random, context.after), random, slots));
  if (emergency && random() < 0.3) parts.splice(parts.indexOf(text) + 1, 0, pick(random, asides[script]));
  if (random() < 0.25) parts.push(expand(pick(random, context.after), random, slots));
  return parts.join(' ');
}

export function toJsonl(rows: CorpusRow[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

if (require.main === module) {
  const rows = generateCorpus();
  writeFileSync(CORPUS_FILE, toJsonl(rows));
  process.stdout.write(`wrote ${rows.length} rows to ${CORPUS_FILE}\n`);
}
