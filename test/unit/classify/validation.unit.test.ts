import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATEGORIES, classify, loadCorpus } from '../../../src/classify';
import { URGENT } from '../../../src/classify/classification';
import { binaryScores } from '../../../src/classify/metrics';
import { loadValidation } from '../../../src/classify/model-file';

const rows = loadValidation();
const squash = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

describe('validation posts', () => {
  test('at least 400 posts, more than a third of them emergencies, and both labels in every language', () => {
    expect(rows.length).toBeGreaterThanOrEqual(400);
    expect(rows.filter((r) => r.emergency === 1).length).toBeGreaterThan(rows.length / 3);
    for (const language of ['en', 'hinglish', 'hi', 'mixed']) {
      const part = rows.filter((r) => r.language === language);
      expect({ language, emergencies: part.some((r) => r.emergency === 1), feedback: part.some((r) => r.emergency === 0) }).toEqual({
        language,
        emergencies: true,
        feedback: true,
      });
    }
  });

  test('labels and categories follow the corpus format; emergencies are of a safety category or divyangjan', () => {
    for (const r of rows) {
      expect([0, 1]).toContain(r.emergency);
      expect(CATEGORIES).toContain(r.category);
      if (r.emergency === 1) expect(URGENT.has(r.category) || r.category === 'divyangjan').toBe(true);
    }
    for (const category of URGENT) expect(rows.some((r) => r.category === category && r.emergency === 1)).toBe(true);
  });

  test('no post is repeated, and none is in the training corpus', () => {
    const texts = rows.map((r) => squash(r.text));
    expect(new Set(texts).size).toBe(rows.length);
    const corpus = new Set(loadCorpus().map((r) => squash(r.text)));
    expect(texts.filter((t) => corpus.has(t))).toEqual([]);
  });

  // Until linear-7 the bar was recall 0.95. linear-9's and linear-10's thresholds are set on real posts (models/README.md,
  // "linear-8" to "linear-10"), as the validation-threshold note concluded they must be, and each finds 155 of the 165
  // (0.939) here: the posts stay a check that a new default still reads hand-written posts in every language well, at
  // a lower bar for recall.
  test('the current model finds at least 90% of their emergencies with at most 1 false alarm in 10', () => {
    const b = binaryScores(
      rows.map((r) => r.emergency),
      rows.map((r) => classify(r.text).emergency),
    );
    expect(b.recall).toBeGreaterThanOrEqual(0.9);
    expect(b.precision).toBeGreaterThanOrEqual(0.9);
  });

  test('every .jsonl file of the folder is read, in name order, each post a group of its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'railsewa-validation-'));
    const line = (text: string, emergency: 0 | 1) => JSON.stringify({ text, emergency, category: 'other', language: 'en' });
    writeFileSync(join(dir, 'b.jsonl'), `${line('second', 0)}\n`);
    writeFileSync(join(dir, 'a.jsonl'), `${line('first', 1)}\n\n${line('first again', 0)}\n`);
    writeFileSync(join(dir, 'notes.md'), 'not posts\n');
    expect(loadValidation(dir).map((r) => [r.text, r.group])).toEqual([
      ['first', 'a.jsonl:1'],
      ['first again', 'a.jsonl:2'],
      ['second', 'b.jsonl:1'],
    ]);
  });
});
