import type { Category } from '../types';

/** A few ways of writing one kind of complaint, all with the same label. */
export interface TemplateSet {
  category: Category;
  emergency: 0 | 1;
  templates: string[];
}

/** A seeded random source: mulberry32, so the corpus is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

const CHOICE = /\{([^{}]*)\}/g;
const SLOT = /\$([a-z]+)/g;

/** Fills `{a|b|c}` choices and `$slot`s; an unknown slot is an error, so a typo in a template cannot hide. */
export function expand(
  template: string,
  random: () => number,
  slots: Readonly<Record<string, (random: () => number) => string>>,
): string {
  const chosen = template.replace(CHOICE, (_m, body: string) => pick(random, body.split('|')));
  const filled = chosen.replace(SLOT, (_m, name: string) => {
    const slot = slots[name];
    if (!slot) throw new Error(`unknown slot $${name} in template: ${template}`);
    return slot(random);
  });
  return filled.replace(/\s+/g, ' ').replace(/\s+([,.!?।])/g, '$1').trim();
}
