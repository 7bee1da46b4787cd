import { writeFileSync } from 'node:fs';
import { loadCorpus } from '../model-file';
import { findSharedFile, loadRealPosts, REAL_TRAIN_FILE } from '../real-posts';
import { crossValidateTfidf, type TfidfTrainOptions } from '../tfidf-train';

/**
 * A TF-IDF candidate's out-of-fold scores on the real training posts (the project's 5 folds, Emergency head only),
 * with how each fold's L-BFGS fit ended, to compare with sklearn_reference.py's on the same folds. Writes `id,score`
 * (the raw logit, no text) to the named file:
 *
 *   npx tsx src/classify/models/tfidf-scores.ts '{"analyzer":"raw-2","corpusWeight":0,"c":10}' /tmp/ts-scores.csv
 */
if (require.main === module) {
  const path = findSharedFile(REAL_TRAIN_FILE);
  if (!path) throw new Error(`${REAL_TRAIN_FILE} not found`);
  const posts = loadRealPosts(path);
  const options = JSON.parse(process.argv[2] ?? '{}') as TfidfTrainOptions;
  const started = Date.now();
  const cv = crossValidateTfidf(posts, options.corpusWeight ? loadCorpus() : [], {
    ...options,
    categories: false,
    onEmergencyFit: (fit) => process.stderr.write(`  fold: ${JSON.stringify(fit)}\n`),
  });
  const { a, b } = cv.calibration;
  const logit = (p: number) => (Math.log(p / (1 - p)) - b) / a;
  const truth = posts.map((p) => p.emergency);
  const found = cv.probabilities.filter((p, i) => p >= cv.threshold && truth[i] === 1).length;
  process.stdout.write(
    `${JSON.stringify(options)}: found ${found}/${cv.figures.all.emergencies} (P ${cv.figures.all.precision}) flagged R ${cv.figures.all.flaggedRecall} at ${cv.figures.all.flaggedShare} (${Math.round((Date.now() - started) / 1000)} s)\n`,
  );
  if (process.argv[3]) writeFileSync(process.argv[3], `id,score\n${posts.map((p, i) => `${p.id},${logit(cv.probabilities[i])}`).join('\n')}\n`);
}
