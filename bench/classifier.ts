/**
 * Classifier evaluation on real public posts (../shared/data/railway_posts_dev.csv, evaluation only: never train or
 * tune on it). Prints issue #18's report for the model: on the evaluation file and out of fold on the real training
 * posts (the cross-validation figures its file records), emergency precision, recall and F1, emergency-or-review
 * recall and the share of posts flagged, category macro-F1 over complaints, each by language. Then, for the model,
 * the older models and the original design's keyword rule: emergency precision,
 * recall and F1 (all rows and complaints only), recall per language, category accuracy and macro-F1, the confusion
 * matrices (also saved as a PNG in bench/out/) and texts/s on one core (under tsx, and compiled as the product runs);
 * and, beside them, every classifier's figures on the project's own validation posts (src/classify/validation).
 *
 *   npx tsx bench/classifier.ts [evaluation-file-or-data-dir] [model-version]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { classifierFor, CURRENT_MODEL_VERSION } from '../src/classify';
import { accuracy, binaryScores, macroF1 } from '../src/classify/metrics';
import { loadValidation, modelPath } from '../src/classify/model-file';
import { findSharedFile, loadRealPosts, REAL_DEV_FILE } from '../src/classify/real-posts';
import { LANGUAGES, triageFigures, type TriageFigures } from '../src/classify/real-train';
import { CATEGORIES } from '../src/classify/types';

interface Post {
  text: string;
  isComplaint: boolean;
  emergency: 0 | 1;
  category: string;
  language: string;
}

function readPosts(file: string): Post[] {
  return loadRealPosts(file).map((p) => ({
    text: p.text,
    isComplaint: p.isComplaint,
    emergency: p.emergency,
    category: p.category,
    language: p.language,
  }));
}

interface Prediction {
  emergency: 0 | 1;
  category: string | null;
  review?: boolean;
}

const KEYWORDS = ['emergency', 'urgent', 'help', 'accident', 'fire', 'medical', 'stuck', 'stranded', 'delay', 'late', 'cancelled', 'breakdown'];

/** The original design's rule: any of these substrings means Emergency; it has no categories. */
function keywordRule(text: string): Prediction {
  const lower = text.toLowerCase();
  return { emergency: KEYWORDS.some((k) => lower.includes(k)) ? 1 : 0, category: null };
}

const f3 = (x: number) => x.toFixed(3);

/**
 * The same measurement on the compiled classifier (dist/, what `railsewa` runs), in a node process of its own: under
 * tsx every call into another module goes through a getter, which costs the classifier about a fifth of its speed.
 */
function compiledTextsPerSecond(texts: string[], version: string): string {
  const index = join(__dirname, '..', 'dist', 'src', 'classify', 'index.js');
  if (!existsSync(index)) return 'not built (npm run build)';
  const script = `
    const { classifierFor } = require(${JSON.stringify(index)});
    const texts = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    const classify = classifierFor(${JSON.stringify(version)});
    for (const t of texts) classify(t);
    let n = 0, elapsed = 0;
    const start = process.cpuUsage();
    while (elapsed < 1.5) {
      for (const t of texts) classify(t);
      n += texts.length;
      const used = process.cpuUsage(start);
      elapsed = (used.user + used.system) / 1e6;
    }
    console.log(Math.round(n / elapsed));`;
  const run = spawnSync(process.execPath, ['-e', script], { input: JSON.stringify(texts), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the compiled classifier failed: ${run.stderr}`);
  return run.stdout.trim();
}

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
  return {
    all,
    emergencyPairs: posts.map((p, i) => [String(p.emergency), String(out[i].emergency)] as const),
    categorised: categorised.map(([p, o]) => [p.category, o.category ?? 'other'] as const),
  };
}

/** The issue's table: emergency P / R / F1, emergency-or-review recall and share flagged, category macro-F1, by language. */
function triageTable(title: string, figures: Record<string, TriageFigures>) {
  console.log(`\n${title}`);
  console.log('| posts | n | emergencies | P | R | F1 | emergency-or-review R | flagged share | category macro-F1 (complaints) |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const key of ['all', ...LANGUAGES]) {
    const f = figures[key];
    if (!f) continue;
    console.log(
      `| ${key} | ${f.posts} | ${f.emergencies} | ${f3(f.precision)} | ${f3(f.recall)} | ${f3(f.f1)} | ${f3(f.flaggedRecall)} | ${f3(f.flaggedShare)} | ${f.complaints ? `${f3(f.categoryMacroF1)} (${f.complaints})` : 'n/a'} |`,
    );
  }
}

/** Every classifier on the project's validation posts (written apart from the corpus, never trained on), in the same run. */
function validationReport(classifiers: readonly (readonly [string, (t: string) => Prediction])[]) {
  const rows = loadValidation();
  const truth = rows.map((r) => r.emergency);
  console.log(`\nthe project's validation posts (${rows.length}, ${truth.filter((t) => t === 1).length} emergencies; src/classify/validation):`);
  for (const [name, classify] of classifiers) {
    const out = rows.map((r) => classify(r.text));
    const b = binaryScores(truth, out.map((o) => o.emergency));
    const categories = out.some((o) => o.category !== null)
      ? `  category macro-F1 ${f3(macroF1(rows.map((r) => r.category), out.map((o) => o.category ?? 'other')))}`
      : '';
    console.log(`  ${name}: P ${f3(b.precision)}  R ${f3(b.recall)}  F1 ${f3(b.f1)}  (tp ${b.tp} fp ${b.fp} fn ${b.fn})${categories}`);
  }
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

// ---- a small PNG writer (RGB, zlib from node) and a 3x5 bitmap font, to save the confusion matrices as a picture

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

class Canvas {
  readonly pixels: Uint8Array;
  constructor(readonly width: number, readonly height: number) {
    this.pixels = new Uint8Array(width * height * 3).fill(255);
  }
  rect(x: number, y: number, w: number, h: number, [r, g, b]: readonly number[]): void {
    for (let j = Math.max(0, y); j < Math.min(this.height, y + h); j++) {
      for (let i = Math.max(0, x); i < Math.min(this.width, x + w); i++) {
        const o = (j * this.width + i) * 3;
        this.pixels[o] = r;
        this.pixels[o + 1] = g;
        this.pixels[o + 2] = b;
      }
    }
  }
  /** Text in the 3x5 font, `scale` pixels a dot; returns the width drawn. */
  text(x: number, y: number, s: string, color: readonly number[] = [0, 0, 0], scale = 2): number {
    let cx = x;
    for (const ch of s.toUpperCase()) {
      const glyph = FONT[ch] ?? FONT['?'];
      for (let row = 0; row < 5; row++) {
        for (let col = 0; col < 3; col++) if (glyph[row * 3 + col] === '#') this.rect(cx + col * scale, y + row * scale, scale, scale, color);
      }
      cx += 4 * scale;
    }
    return cx - x;
  }
  png(): Buffer {
    const raw = Buffer.alloc((this.width * 3 + 1) * this.height);
    for (let y = 0; y < this.height; y++) {
      raw[y * (this.width * 3 + 1)] = 0; // filter: none
      Buffer.from(this.pixels.buffer, y * this.width * 3, this.width * 3).copy(raw, y * (this.width * 3 + 1) + 1);
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

/** 3x5 dot glyphs, row by row ('#' a dot). */
const FONT: Record<string, string> = {
  A: '.#.#.#####.##.#', B: '##.#.###.#.###.', C: '.###..#..#...##', D: '##.#.##.##.###.', E: '####..##.#..###',
  F: '####..##.#..#..', G: '.###..#.##.#.##', H: '#.##.#####.##.#', I: '###.#..#..#.###', J: '..#..#..##.#.#.',
  K: '#.##.###.#.##.#', L: '#..#..#..#..###', M: '#.########.##.#', N: '##.#.##.##.##.#', O: '.#.#.##.##.#.#.',
  P: '##.#.###.#..#..', Q: '.#.#.##.####.##', R: '##.#.###.#.##.#', S: '.###...#...###.', T: '###.#..#..#..#.',
  U: '#.##.##.##.####', V: '#.##.##.##.#.#.', W: '#.##.########.#', X: '#.##.#.#.#.##.#', Y: '#.##.#.#..#..#.',
  Z: '###..#.#.#..###', 0: '####.##.##.####', 1: '.#.##..#..#.###', 2: '##...#.#.#..###', 3: '##...#.#...###.',
  4: '#.##.####..#..#', 5: '####..##...###.', 6: '.###..####.####', 7: '###..#.#..#..#.', 8: '####.#####.####',
  9: '####.####..###.', '_': '............###', '-': '......###......', '.': '.............#.',
  ':': '....#.....#....', '(': '.#.#..#..#...#.', ')': '.#...#..#..#.#.', '/': '..#..#.#.#..#..',
  ',': '..........#.#..', ' ': '...............', '?': '##...#.#.....#.', '=': '...###...###...',
  '%': '#.#..#.#.#..#.#',
};

/** White to dark red by the share of the row; the count written in the cell. */
function drawMatrix(canvas: Canvas, x: number, y: number, title: string, labels: readonly string[], pairs: readonly (readonly [string, string])[], cell: number): void {
  canvas.text(x, y, title, [0, 0, 0], 2);
  const labelWidth = Math.max(...labels.map((l, i) => `${i + 1} ${l}`.length)) * 8 + 10;
  const top = y + 44;
  canvas.text(x, y + 16, 'ROWS: TRUTH, COLUMNS: PREDICTED', [90, 90, 90], 1);
  labels.forEach((label, c) => canvas.text(x + labelWidth + c * cell + 4, top - 14, String(c + 1)));
  labels.forEach((truth, r) => {
    canvas.text(x, top + r * cell + (cell - 10) / 2, `${r + 1} ${truth}`);
    const counts = labels.map((p) => pairs.filter(([a, b]) => a === truth && b === p).length);
    const total = counts.reduce((a, b) => a + b, 0) || 1;
    counts.forEach((n, c) => {
      const share = n / total;
      const color = [255 - Math.round(share * 75), 255 - Math.round(share * 225), 255 - Math.round(share * 225)];
      const cx = x + labelWidth + c * cell;
      const cy = top + r * cell;
      canvas.rect(cx, cy, cell, cell, [200, 200, 200]);
      canvas.rect(cx + 1, cy + 1, cell - 2, cell - 2, color);
      if (n) {
        const s = String(n);
        canvas.text(cx + (cell - s.length * 8) / 2, cy + (cell - 10) / 2, s, share > 0.55 ? [255, 255, 255] : [0, 0, 0]);
      }
    });
  });
}

function savePng(version: string, emergencyPairs: readonly (readonly [string, string])[], categoryPairs: readonly (readonly [string, string])[]): string {
  const labels = CATEGORIES.filter((c) => categoryPairs.some(([t, p]) => t === c || p === c));
  const cell = 30;
  const width = 40 + 18 * 8 + 10 + labels.length * cell;
  const height = 20 + 44 + 2 * 44 + 30 + 44 + labels.length * cell + 20;
  const canvas = new Canvas(width, height);
  drawMatrix(canvas, 20, 20, `EMERGENCY: ${version}`, ['feedback', 'emergency'], emergencyPairs.map(([t, p]) => [t === '1' ? 'emergency' : 'feedback', p === '1' ? 'emergency' : 'feedback'] as const), 44);
  drawMatrix(canvas, 20, 20 + 44 + 2 * 44 + 30, `CATEGORY ON COMPLAINTS: ${version}`, labels, categoryPairs, cell);
  const dir = join(__dirname, 'out');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `confusion-${version}.png`);
  writeFileSync(file, canvas.png());
  return file;
}

function devFile(argument: string | undefined): string {
  if (argument) {
    const path = resolve(argument);
    return existsSync(path) && statSync(path).isDirectory() ? join(path, 'railway_posts_dev.csv') : path;
  }
  const found = findSharedFile(REAL_DEV_FILE);
  if (!found) throw new Error(`${REAL_DEV_FILE} not found: name the evaluation file as the first argument`);
  return found;
}

function main() {
  const file = devFile(process.argv[2]);
  const version = process.argv[3] ?? CURRENT_MODEL_VERSION;
  const posts = readPosts(file);
  console.log(`${posts.length} posts from ${file}; ${posts.filter((p) => p.emergency).length} emergencies, ${posts.filter((p) => p.isComplaint).length} complaints`);
  const texts = posts.map((p) => p.text);
  const others = ['rules-1', 'linear-1', 'linear-2', 'linear-3', 'linear-4', 'linear-5', 'linear-6', 'linear-7', 'linear-8', 'linear-9', 'linear-10', 'linear-15', 'linear-16']
    .filter((v) => v !== version)
    .filter((v) => v === 'rules-1' || existsSync(modelPath(v)));
  const classifiers: [string, (t: string) => Prediction][] = [
    [`model ${version}${version === CURRENT_MODEL_VERSION ? ' (current)' : ''}`, classifierFor(version)],
    ...others.map((v) => [`model ${v}`, classifierFor(v)] as [string, (t: string) => Prediction]),
    ['original keyword rule', keywordRule],
  ];
  // the issue's report for the model: the evaluation file, then the cross-validation folds recorded in its file
  const classify = classifierFor(version);
  const decisions = posts.map((p) => {
    const c = classify(p.text);
    return { emergency: c.emergency, review: c.review, category: c.category };
  });
  const real = loadRealPosts(file);
  triageTable(`== ${version} on ${file.split('/').pop()} (evaluation only)`, triageFigures(real, decisions));
  const recorded = version === 'rules-1' ? undefined : cvFiguresOf(version);
  if (recorded) triageTable(`== ${version}, out of fold on the real training posts (cross-validation, recorded in ${version}.json)`, recorded);
  else console.log(`\n${version} has no cross-validation figures on real posts (trained on the corpus only)`);
  const results = classifiers.map(([name, c]) => report(name, posts, c));
  validationReport(classifiers);
  confusion(results[0].categorised);
  console.log(`\nconfusion matrices of ${version} saved to ${savePng(version, results[0].emergencyPairs, results[0].categorised)}`);
  console.log('\nthroughput on one core, CPU time (texts/s), under tsx:');
  for (const [name, c] of classifiers) console.log(`  ${name}: ${textsPerSecond(texts, c)}`);
  console.log(`compiled, as railsewa runs it: model ${version}: ${compiledTextsPerSecond(texts, version)}`);
}

/** The out-of-fold figures a real-post model's file records (models/README.md, "linear-8"). */
function cvFiguresOf(version: string): Record<string, TriageFigures> | undefined {
  const json = JSON.parse(readFileSync(modelPath(version), 'utf8')) as { about?: { crossValidation?: Record<string, TriageFigures> } };
  return json.about?.crossValidation;
}

main();
