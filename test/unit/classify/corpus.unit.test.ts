import { readFileSync } from 'node:fs';
import { CORPUS_FILE, generateCorpus, toJsonl } from '../../../src/classify/corpus/generate';
import { CATEGORIES } from '../../../src/classify';

const rows = generateCorpus();

describe('training corpus', () => {
  test('the committed file is what the generator writes', () => {
    expect(readFileSync(CORPUS_FILE, 'utf8')).toBe(toJsonl(rows));
  });

  test('the generator is deterministic for a seed and changes with it', () => {
    expect(generateCorpus().slice(0, 50)).toEqual(rows.slice(0, 50));
    expect(generateCorpus(1).slice(0, 50)).not.toEqual(rows.slice(0, 50));
  });

  test('at least 3,000 texts, 600 in Devanagari Hindi and 600 in Hinglish', () => {
    expect(rows.length).toBeGreaterThanOrEqual(3000);
    expect(rows.filter((r) => r.language === 'hi').length).toBeGreaterThanOrEqual(600);
    expect(rows.filter((r) => r.language === 'hinglish').length).toBeGreaterThanOrEqual(600);
  });

  test('every category is present, and every safety category has both labels', () => {
    for (const category of CATEGORIES) expect(rows.some((r) => r.category === category)).toBe(true);
    for (const category of ['security', 'medical', 'women_safety', 'child', 'safety_incident']) {
      expect(rows.some((r) => r.category === category && r.emergency === 1)).toBe(true);
      expect(rows.some((r) => r.category === category && r.emergency === 0)).toBe(true);
    }
  });

  test('no duplicate texts and no empty ones; short posts ("hello", "ok") are few', () => {
    expect(new Set(rows.map((r) => r.text)).size).toBe(rows.length);
    expect(rows.every((r) => r.text.trim().length > 0)).toBe(true);
    expect(rows.filter((r) => r.text.trim().length <= 5).length).toBeLessThan(rows.length / 100);
  });

  test('whole posts and wrapped copies make many rows long and multi-sentence', () => {
    expect(rows.filter((r) => r.group.startsWith('post:')).length).toBeGreaterThan(800);
    expect(rows.filter((r) => r.text.length > 140).length).toBeGreaterThan(500);
  });

  test('hand-written posts include many emergencies written in Devanagari', () => {
    const handWritten = rows.filter((r) => /^(post|tweet):/.test(r.group));
    expect(handWritten.filter((r) => r.group.startsWith('tweet:')).length).toBeGreaterThan(1000);
    expect(handWritten.filter((r) => r.emergency === 1 && /[\u0900-\u097F]/.test(r.text)).length).toBeGreaterThan(250);
  });

  test('Hindi rows are written in Devanagari and Hinglish rows are not', () => {
    expect(rows.filter((r) => r.language === 'hi').every((r) => /[\u0900-\u097F]/.test(r.text))).toBe(true);
    expect(rows.filter((r) => r.language === 'hinglish').some((r) => /[\u0900-\u097F]/.test(r.text))).toBe(false);
  });

  // Situations the labelling rules name as emergencies, in English, Hinglish and Devanagari wording.
  test.each([
    ['a passenger stranded in danger', /stranded|left behind|stuck|फंसे|फँसे|छूट गए|phas/i],
    ['medicine needed now', /insulin|inhaler|tablets|medicine|दवा|dawai|dawa/i],
    ['berths taken by force', /forcibl|by force|जबरदस्ती|zabardasti|jabardasti/i],
    ['a weapon or a threat', /knife|चाकू|chaku|chaaku|threat|धमकी|dhamki/i],
    ['electric danger', /spark|shock|live wire|करंट|current/i],
    ['a dangerous crowd', /stampede|crowd|भगदड़|bhagdad|bheed|भीड़/i],
  ])('the rules\' "%s" has emergencies, and feedback in the same words', (_situation, words) => {
    expect(rows.filter((r) => r.emergency === 1 && words.test(r.text)).length).toBeGreaterThan(40);
    expect(rows.filter((r) => r.emergency === 0 && words.test(r.text)).length).toBeGreaterThan(3);
  });

  test('"urgent" and "help" appear on feedback too, so they cannot decide the label', () => {
    const feedback = rows.filter((r) => r.emergency === 0 && /urgent|help/i.test(r.text));
    expect(feedback.length).toBeGreaterThan(200);
  });
});
