import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { crossValidateFastText, type FastTextTrainOptions } from '../fasttext-train';
import { fBeta } from '../metrics';
import { loadCorpus } from '../model-file';
import { findSharedFile, loadRealPosts, REAL_TRAIN_FILE } from '../real-posts';
import { crossValidate, REAL_POST_OPTIONS, thresholdAtPrecision, thresholdAtShare, triageFigures, type CrossValidation } from '../real-train';

/**
 * fasttext-1's selection by the rule in models/README.md ("fasttext-1"): out-of-fold figures on the real training
 * posts (never the dev file) of each candidate, and of the ensemble with linear-10.
 *
 *   npx tsx src/classify/models/select-fasttext-1.ts [1..5 | linear-10 | ensemble N]
 *
 * Out-of-fold probabilities are kept in the system's temporary folder for the ensemble (never in the repository).
 */
export const CANDIDATES: Record<string, FastTextTrainOptions> = {
  '1': { dim: 16, epochs: 5, corpusWeight: 1 },
  '2': { dim: 32, epochs: 5, corpusWeight: 1 },
  '3': { dim: 64, epochs: 5, corpusWeight: 1 },
  '4': { dim: 32, epochs: 10, corpusWeight: 1 },
  '5': { dim: 32, epochs: 5, corpusWeight: 0 },
};

const f3 = (x: number) => x.toFixed(3);
const print = (line: string) => process.stdout.write(`${line}\n`);
const oofFile = (name: string) => join(tmpdir(), `railsewa-oof-${name}.json`);

function main() {
  const path = findSharedFile(REAL_TRAIN_FILE);
  if (!path) throw new Error(`${REAL_TRAIN_FILE} not found`);
  const posts = loadRealPosts(path);
  const truth = posts.map((p) => p.emergency);
  const report = (name: string, cv: Pick<CrossValidation, 'probabilities' | 'threshold' | 'reviewThreshold' | 'figures'>, seconds: number) => {
    const atThreshold = cv.probabilities.filter((p, i) => p >= cv.threshold && truth[i] === 1).length;
    const all = cv.figures.all;
    // thresholdAtPrecision falls back to the best-F2 threshold when no threshold reaches precision 0.5: none found then
    const found = all.precision >= 0.5 ? `${atThreshold}` : `0 (no threshold reaches P 0.5; ${atThreshold} at the best-F2 fallback)`;
    print(
      `${name}: found ${found}/${all.emergencies}  P ${f3(all.precision)} R ${f3(all.recall)} F1 ${f3(all.f1)} F2 ${f3(fBeta(all.precision, all.recall, 2))}` +
        `  threshold ${f3(cv.threshold)} review ${f3(cv.reviewThreshold)} flagged R ${f3(all.flaggedRecall)} share ${f3(all.flaggedShare)}` +
        `  category macro-F1 ${f3(all.categoryMacroF1)}  (${seconds} s)`,
    );
  };
  const which = process.argv[2] ?? '1';
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  if (which === 'linear-10') {
    const cv = crossValidate(posts, loadCorpus(), { ...REAL_POST_OPTIONS['linear-10'], version: 'linear-10', foldCategories: false });
    // Emergency only, for the ensemble: linear-10's category figures are in its file and in the README
    writeFileSync(oofFile('linear-10'), JSON.stringify(cv.probabilities));
    report('linear-10', cv, seconds());
  } else if (which === 'ensemble') {
    const other = process.argv[3];
    if (!existsSync(oofFile('linear-10')) || !existsSync(oofFile(other))) throw new Error('run linear-10 and the candidate first');
    const a = JSON.parse(readFileSync(oofFile('linear-10'), 'utf8')) as number[];
    const b = JSON.parse(readFileSync(oofFile(other), 'utf8')) as number[];
    const probabilities = a.map((p, i) => (p + b[i]) / 2);
    const threshold = thresholdAtPrecision(truth, probabilities, 0.5);
    const reviewThreshold = Math.min(threshold, thresholdAtShare(probabilities, 0.1));
    // the ensemble's category is linear-10's: not measured here (category figures read 0)
    const decisions = probabilities.map((p) => ({ emergency: (p >= threshold ? 1 : 0) as 0 | 1, review: p < threshold && p >= reviewThreshold, category: 'other' as const }));
    report(`ensemble linear-10 + ${other}`, { probabilities, threshold, reviewThreshold, figures: triageFigures(posts, decisions) }, seconds());
  } else {
    const options = CANDIDATES[which];
    if (!options) throw new Error(`no candidate ${which}`);
    const cv = crossValidateFastText(posts, loadCorpus(), options);
    writeFileSync(oofFile(which), JSON.stringify(cv.probabilities));
    report(`fasttext candidate ${which} ${JSON.stringify(options)}`, cv, seconds());
    print(JSON.stringify(cv.figures));
  }
}

if (require.main === module) main();
