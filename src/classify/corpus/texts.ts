import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Category, Language } from '../types';
import type { TemplateSet } from './template';

/** The hand-written texts the corpus is generated from, one JSON object a line (texts/*.jsonl). */
export const TEXTS_DIR = join(__dirname, 'texts');

/** A whole post written one by one (or a hard case): `{a|b}` choices and `$slot`s may vary its details. */
export type Post = [text: string, emergency: 0 | 1, category: Category, language: Language];

type Script = 'en' | 'hi' | 'hinglish';

function readLines<T>(name: string): T[] {
  return readFileSync(join(TEXTS_DIR, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as T;
      } catch (error) {
        throw new Error(`${name}, line ${i + 1}: ${(error as Error).message}`);
      }
    });
}

/** A templates file: one template a line; consecutive lines of one category and label form one set. */
export function loadTemplates(name: string): TemplateSet[] {
  const sets: TemplateSet[] = [];
  for (const { category, emergency, template } of readLines<{ category: Category; emergency: 0 | 1; template: string }>(name)) {
    const last = sets[sets.length - 1];
    if (last && last.category === category && last.emergency === emergency) last.templates.push(template);
    else sets.push({ category, emergency, templates: [template] });
  }
  return sets;
}

/** A posts file: one post a line. */
export function loadPosts(name: string): Post[] {
  return readLines<{ text: string; emergency: 0 | 1; category: Category; language: Language }>(name).map((p) => [
    p.text,
    p.emergency,
    p.category,
    p.language,
  ]);
}

/** Sentences of one script by kind (context.jsonl: before and after; asides.jsonl: aside). */
function sentences(name: string): Record<Script, Record<string, string[]>> {
  const out: Record<Script, Record<string, string[]>> = { en: {}, hi: {}, hinglish: {} };
  for (const { script, kind, text } of readLines<{ script: Script; kind: string; text: string }>(name)) {
    (out[script][kind] ??= []).push(text);
  }
  return out;
}

/** Label-free sentences (journey details, rants, requests) that posts are wrapped in, by script. */
export function loadContext(): Record<Script, { before: string[]; after: string[] }> {
  const all = sentences('context.jsonl');
  const of = (script: Script) => ({ before: all[script].before ?? [], after: all[script].after ?? [] });
  return { en: of('en'), hi: of('hi'), hinglish: of('hinglish') };
}

/** Feedback sentences an emergency post may also mention, by script. */
export function loadAsides(): Record<Script, string[]> {
  const all = sentences('asides.jsonl');
  return { en: all.en.aside ?? [], hi: all.hi.aside ?? [], hinglish: all.hinglish.aside ?? [] };
}
