import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cascadeThresholds } from '../cascade';
import { CASCADE_OPTIONS } from '../cascade-train';
import { fBeta } from '../metrics';
import { loadCorpus } from '../model-file';
import { findSharedFile, loadRealPosts, REAL_TRAIN_FILE } from '../real-posts';
import { crossValidate, REAL_POST_OPTIONS, thresholdAtPrecision, thresholdAtShare, triageFigures } from '../real-train';
import { crossValidateTfidf, TFIDF_OPTIONS } from '../tfidf-train';

/**
 * linear-16's figures by the rule in models/README.md ("linear-16"): out-of-fold probabilities of linear-10 and of the
 * TF-IDF model of linear-12 on the real training posts (never the dev file), Emergency heads only, on one partition
 * (seed 11: the project's folds; 12: the second), then linear-10 alone and the cascade.
 *
 *   npx tsx src/classify/models/select-linear-16.ts [11|12]
 *
 * Out-of-fold probabilities are kept in the system's temporary folder (never in the repository) and reused.
 */
const OPTIONS = CASCADE_OPTIONS['linear-16'];

const f3 = (x: number) => x.toFixed(3);
const print = (line: string) => process.stdout.write(`${line}\n`);

function cached(name: string, compute: () => number[]): number[] {
  const file = join(tmpdir(), `railsewa-oof-${name}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as number[];
  const started = Date.now();
  const values = compute();
  writeFileSync(file, JSON.stringify(values));
  print(`${name}: ${Math.round((Date.now() - started) / 1000)} s`);
  return values;
}

function main() {
  const path = findSharedFile(REAL_TRAIN_FILE);
  if (!path) throw new Error(`${REAL_TRAIN_FILE} not found`);
  const posts = loadRealPosts(path);
  const truth = posts.map((p) => p.emergency);
  const seed = Number(process.argv[2] ?? '11');
  const p10 = cached(`linear-10-seed${seed}`, () =>
    crossValidate(posts, loadCorpus(), { ...REAL_POST_OPTIONS['linear-10'], version: 'linear-10', seed, foldCategories: false }).probabilities,
  );
  const pT = cached(`linear-12-seed${seed}`, () => crossValidateTfidf(posts, loadCorpus(), { ...TFIDF_OPTIONS['linear-12'], seed, categories: false }).probabilities);
  const report = (name: string, scores: readonly number[]) => {
    const threshold = thresholdAtPrecision(truth, scores, 0.5);
    const reviewThreshold = Math.min(threshold, thresholdAtShare(scores, OPTIONS.reviewShare));
    const decisions = scores.map((p) => ({ emergency: (p >= threshold ? 1 : 0) as 0 | 1, review: p < threshold && p >= reviewThreshold, category: 'other' as const }));
    const all = triageFigures(posts, decisions).all;
    const found = scores.filter((p, i) => p >= threshold && truth[i] === 1).length;
    const reached = all.precision >= 0.5 ? `${found}` : `0 (no threshold reaches P 0.5; ${found} at the best-F2 fallback)`;
    print(
      `${name} (seed ${seed}): found ${reached}/${all.emergencies}  P ${f3(all.precision)} R ${f3(all.recall)} F1 ${f3(all.f1)} F2 ${f3(fBeta(all.precision, all.recall, 2))}` +
        `  threshold ${f3(threshold)} review ${f3(reviewThreshold)} flagged R ${f3(all.flaggedRecall)} share ${f3(all.flaggedShare)}`,
    );
  };
  report('linear-10', p10);
  report('TF-IDF (linear-12)', pT);
  const { gate, scores } = cascadeThresholds(truth, p10, pT, OPTIONS);
  const gated = p10.filter((p) => p >= gate).length;
  const gatedEmergencies = p10.filter((p, i) => p >= gate && truth[i] === 1).length;
  print(`gate ${gate.toFixed(4)}: ${gated} posts (${f3(gated / posts.length)}), ${gatedEmergencies} of the emergencies`);
  report('linear-16 cascade', scores);
}

if (require.main === module) main();
