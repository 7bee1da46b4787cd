/**
 * Classifier evaluation on real public posts (../shared/data/*.csv, evaluation only: never train or tune on them).
 * Prints, for the trained model, the rule classifier and the original design's keyword rule: emergency precision,
 * recall and F1 (all rows and complaints only), recall per language, category accuracy and macro-F1, and texts/s.
 *
 *   npx tsx bench/classifier.ts [data-dir] [model.json]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { classifyWithModel } from '../src/classify/linear';
import { accuracy, binaryScores, macroF1 } from '../src/classify/metrics';
import { loadModel, modelPath } from '../src/classify/model-file';
import { classifyWithRules } from '../src/classify/rules';
import { CATEGORIES } from '../src/classify/types';

interface Post {
  text: string;
  isComplaint: boolean;
  emergency: 0 | 1;
  category: string;
  language: string;
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

function readPosts(dir: string): Post[] {
  const posts: Post[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
    const [header, ...rows] = parseCsv(readFileSync(join(dir, file), 'utf8'));
    const col = (name: string) => {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`${file} has no column ${name}`);
      return i;
    };
    const [text, isComplaint, emergency, category, language] = ['text', 'is_complaint', 'emergency', 'category', 'language'].map(col);
    for (const r of rows) {
      posts.push({
        text: r[text],
        isComplaint: r[isComplaint] === '1',
        emergency: r[emergency] === '1' ? 1 : 0,
        category: r[category],
        language: r[language],
      });
    }
  }
  return posts;
}

interface Prediction {
  emergency: 0 | 1;
  category: string | null;
}

const KEYWORDS = ['emergency', 'urgent', 'help', 'accident', 'fire', 'medical', 'stuck', 'stranded', 'delay', 'late', 'cancelled', 'breakdown'];

/** The original design's rule: any of these substrings means Emergency; it has no categories. */
function keywordRule(text: string): Prediction {
  const lower = text.toLowerCase();
  return { emergency: KEYWORDS.some((k) => lower.includes(k)) ? 1 : 0, category: null };
}

const f3 = (x: number) => x.toFixed(3);

/** Texts per second of this process's CPU time: one core, and less disturbed by other work on the machine. */
function textsPerSecond(texts: string[], classify: (t: string) => unknown): number {
  for (const t of texts) classify(t); // warm up
  let n = 0;
  const start = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < 1.5) {
    for (const t of texts) classify(t);
    n += texts.length;
    const used = process.cpuUsage(start);
    elapsed = (used.user + used.system) / 1e6;
  }
  return Math.round(n / elapsed);
}

function report(name: string, posts: Post[], classify: (t: string) => Prediction) {
  const out = posts.map((p) => classify(p.text));
  const all = binaryScores(posts.map((p) => p.emergency), out.map((o) => o.emergency));
  const complaints = posts.map((p, i) => [p, out[i]] as const).filter(([p]) => p.isComplaint);
  const onComplaints = binaryScores(complaints.map(([p]) => p.emergency), complaints.map(([, o]) => o.emergency));
  const byLanguage: Record<string, string> = {};
  for (const language of [...new Set(posts.map((p) => p.language))].sort()) {
    const rows = posts.map((p, i) => [p, out[i]] as const).filter(([p]) => p.language === language && p.emergency === 1);
    if (rows.length) byLanguage[language] = `${f3(rows.filter(([, o]) => o.emergency === 1).length / rows.length)} (${rows.length})`;
  }
  const devanagari = posts.map((p, i) => [p, out[i]] as const).filter(([p]) => /[\u0900-\u097F]/.test(p.text) && p.emergency === 1);
  const categorised = complaints.filter(([p]) => p.category !== 'none');
  const hasCategories = out.some((o) => o.category !== null);
  console.log(`\n== ${name}`);
  console.log(`emergency, all rows (${posts.length}):        P ${f3(all.precision)}  R ${f3(all.recall)}  F1 ${f3(all.f1)}  (tp ${all.tp} fp ${all.fp} fn ${all.fn})`);
  console.log(`emergency, complaints only (${complaints.length}): P ${f3(onComplaints.precision)}  R ${f3(onComplaints.recall)}  F1 ${f3(onComplaints.f1)}`);
  console.log(`recall by language: ${Object.entries(byLanguage).map(([l, r]) => `${l} ${r}`).join(', ')}`);
  console.log(`recall on posts with Devanagari: ${devanagari.length ? f3(devanagari.filter(([, o]) => o.emergency === 1).length / devanagari.length) : 'n/a'} (${devanagari.length})`);
  if (hasCategories) {
    const truth = categorised.map(([p]) => p.category);
    const predicted = categorised.map(([, o]) => o.category ?? 'other');
    console.log(`category on complaints (${categorised.length}): accuracy ${f3(accuracy(truth, predicted))}  macro-F1 ${f3(macroF1(truth, predicted))}`);
  } else console.log('category: n/a (this rule has no categories)');
  return { all, categorised: categorised.map(([p, o]) => [p.category, o.category ?? 'other'] as const) };
}

function confusion(pairs: readonly (readonly [string, string])[]) {
  const labels = CATEGORIES.filter((c) => pairs.some(([t, p]) => t === c || p === c));
  const short = (c: string) => c.slice(0, 5).padStart(5);
  console.log(`\ncategory confusion (rows: truth, columns: predicted)\n${''.padStart(18)}${labels.map(short).join(' ')}`);
  for (const t of labels) {
    const counts = labels.map((p) => pairs.filter(([a, b]) => a === t && b === p).length);
    console.log(`${t.padStart(17)} ${counts.map((n) => String(n || '.').padStart(5)).join(' ')}`);
  }
}

function main() {
  const dir = resolve(process.argv[2] ?? join(__dirname, '..', '..', 'shared', 'data'));
  const model = loadModel(process.argv[3] ?? modelPath('linear-1'));
  const posts = readPosts(dir);
  console.log(`${posts.length} posts from ${dir}; ${posts.filter((p) => p.emergency).length} emergencies, ${posts.filter((p) => p.isComplaint).length} complaints`);
  const texts = posts.map((p) => p.text);
  const classifiers: [string, (t: string) => Prediction][] = [
    [`trained model ${model.version} (threshold ${model.threshold})`, (t) => classifyWithModel(model, t)],
    ['rule classifier rules-1', classifyWithRules],
    ['original keyword rule', keywordRule],
  ];
  const results = classifiers.map(([name, classify]) => report(name, posts, classify));
  confusion(results[0].categorised);
  console.log('\nthroughput on one core, CPU time (texts/s):');
  for (const [name, classify] of classifiers) console.log(`  ${name}: ${textsPerSecond(texts, classify)}`);
}

main();
