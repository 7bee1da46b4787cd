import { fBeta } from '../metrics';
import { loadCorpus } from '../model-file';
import { findSharedFile, loadRealPosts, REAL_TRAIN_FILE } from '../real-posts';
import { crossValidateTfidf, type TfidfTrainOptions } from '../tfidf-train';

/**
 * linear-11's to linear-13's selection by the rules in models/README.md ("linear-11" to "linear-13"): out-of-fold
 * figures on the real training posts (never the dev file) of each candidate, Emergency head only; `final` runs a
 * candidate with the category head.
 *
 *   npx tsx src/classify/models/select-linear-11.ts [final] [linear-11|linear-12|linear-13] [1|2|3]
 */
export const CANDIDATES: Record<string, Record<string, TfidfTrainOptions>> = {
  'linear-11': {
    '1': { corpusWeight: 0 },
    '2': { corpusWeight: 0.3 },
    '3': { corpusWeight: 1 },
  },
  'linear-12': {
    '1': { analyzer: 'raw-2', corpusWeight: 0, c: 1 },
    '2': { analyzer: 'raw-2', corpusWeight: 0, c: 10 },
    '3': { analyzer: 'raw-2', corpusWeight: 0.3, c: 1 },
  },
  'linear-13': {
    '1': { analyzer: 'raw-2', corpusWeight: 0, c: 30 },
    '2': { analyzer: 'raw-2', corpusWeight: 0, c: 100 },
  },
};

const f3 = (x: number) => x.toFixed(3);
const print = (line: string) => process.stdout.write(`${line}\n`);

function main() {
  const path = findSharedFile(REAL_TRAIN_FILE);
  if (!path) throw new Error(`${REAL_TRAIN_FILE} not found`);
  const posts = loadRealPosts(path);
  const truth = posts.map((p) => p.emergency);
  const args = process.argv.slice(2);
  const final = args[0] === 'final';
  if (final) args.shift();
  const version = args[0]?.startsWith('linear-') ? (args.shift() as string) : 'linear-11';
  const which = args[0] ?? '1';
  const options = CANDIDATES[version]?.[which];
  if (!options) throw new Error(`no candidate ${which}`);
  const started = Date.now();
  const cv = crossValidateTfidf(posts, loadCorpus(), { ...options, categories: final });
  const all = cv.figures.all;
  const atThreshold = cv.probabilities.filter((p, i) => p >= cv.threshold && truth[i] === 1).length;
  // thresholdAtPrecision falls back to the best-F2 threshold when no threshold reaches precision 0.5: none found then
  const found = all.precision >= 0.5 ? `${atThreshold}` : `0 (no threshold reaches P 0.5; ${atThreshold} at the best-F2 fallback)`;
  print(
    `${version} candidate ${which} ${JSON.stringify(options)}: found ${found}/${all.emergencies}  P ${f3(all.precision)} R ${f3(all.recall)} F1 ${f3(all.f1)}` +
      ` F2 ${f3(fBeta(all.precision, all.recall, 2))}  threshold ${f3(cv.threshold)} review ${f3(cv.reviewThreshold)} flagged R ${f3(all.flaggedRecall)}` +
      ` share ${f3(all.flaggedShare)}${final ? `  category macro-F1 ${f3(all.categoryMacroF1)}` : ''}  (${Math.round((Date.now() - started) / 1000)} s)`,
  );
  if (final) print(JSON.stringify(cv.figures));
}

if (require.main === module) main();
