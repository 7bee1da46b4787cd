import { classifierFor } from '../index';
import { fBeta } from '../metrics';
import { loadCorpus } from '../model-file';
import { findSharedFile, loadRealPosts, REAL_TRAIN_FILE } from '../real-posts';
import { crossValidate, REAL_POST_OPTIONS, thresholdAtPrecision, triageFigures, type RealTrainOptions } from '../real-train';

/**
 * linear-8's (and linear-9's) selection by the rules in models/README.md ("linear-8"): every candidate's out-of-fold figures on the real
 * training posts (never the dev file), then linear-7 on the same posts for the switching rule.
 *
 *   npx tsx src/classify/models/select-linear-8.ts [stage1|stage2|linear-9|linear-10|final|linear-7] [json options for stage2/final]
 *   npx tsx src/classify/models/select-linear-8.ts linear-14 [folds|second]
 */
const f3 = (x: number) => x.toFixed(3);
const print = (line: string) => process.stdout.write(`${line}\n`);

function main() {
  const path = findSharedFile(REAL_TRAIN_FILE);
  if (!path) throw new Error(`${REAL_TRAIN_FILE} not found`);
  const posts = loadRealPosts(path);
  const corpus = loadCorpus();
  const truth = posts.map((p) => p.emergency);
  const stage = process.argv[2] ?? 'stage1';
  const run = (options: RealTrainOptions) => {
    const started = Date.now();
    const cv = crossValidate(posts, corpus, options);
    // the criterion's point: the lowest threshold with out-of-fold precision >= 0.5
    const t = thresholdAtPrecision(truth, cv.probabilities, 0.5);
    const found = cv.probabilities.filter((p, i) => p >= t && truth[i] === 1).length;
    const all = cv.figures.all;
    print(
      `${JSON.stringify(options)}: found ${found}/${all.emergencies}  P ${f3(all.precision)} R ${f3(all.recall)} F1 ${f3(all.f1)} F2 ${f3(fBeta(all.precision, all.recall, 2))}` +
        `  threshold ${f3(cv.threshold)} review ${f3(cv.reviewThreshold)} flagged R ${f3(all.flaggedRecall)} share ${f3(all.flaggedShare)}` +
        `${options.foldCategories ? `  category macro-F1 ${f3(all.categoryMacroF1)}` : ''}  (${Math.round((Date.now() - started) / 1000)} s)`,
    );
    return cv;
  };
  if (stage === 'stage1') {
    for (const corpusWeight of [0, 0.3, 1]) {
      for (const positiveWeight of ['balanced', 10] as const) run({ corpusWeight, positiveWeight, foldCategories: false });
    }
  } else if (stage === 'linear-9') {
    const chosen = { corpusWeight: 1, positiveWeight: 'balanced' as const, unsureWeight: 0.5, foldCategories: false };
    for (const epochs of [2, 5, 10]) for (const l2 of [1e-5, 1e-4, 1e-3]) run({ ...chosen, epochs, l2 });
  } else if (stage === 'linear-10') {
    const chosen = { corpusWeight: 1, positiveWeight: 'balanced' as const, unsureWeight: 0.5, epochs: 10, l2: 1e-4, foldCategories: false };
    for (const emergencyBits of [18, 20, 22]) run({ ...chosen, emergencyBits });
  } else if (stage === 'linear-14') {
    // models/README.md "linear-14": the project's folds with the category head, then both models on a second partition
    const part = process.argv[3];
    if (!part || part === 'folds') run({ ...REAL_POST_OPTIONS['linear-14'], foldCategories: true });
    if (!part || part === 'second') {
      run({ ...REAL_POST_OPTIONS['linear-14'], seed: 12, foldCategories: false });
      run({ ...REAL_POST_OPTIONS['linear-10'], seed: 12, foldCategories: false });
    }
  } else if (stage === 'stage2') {
    run({ ...(JSON.parse(process.argv[3]) as RealTrainOptions), unsureWeight: 0.5, foldCategories: false });
  } else if (stage === 'final') {
    const cv = run({ ...(JSON.parse(process.argv[3]) as RealTrainOptions), foldCategories: true });
    print(JSON.stringify(cv.figures, null, 1));
  } else if (stage === 'linear-7') {
    const classify = classifierFor('linear-7');
    const decisions = posts.map((p) => {
      const c = classify(p.text);
      return { emergency: c.emergency, review: c.review, category: c.category };
    });
    const figures = triageFigures(posts, decisions);
    const all = figures.all;
    print(`linear-7 on the real training posts: P ${f3(all.precision)} R ${f3(all.recall)} F1 ${f3(all.f1)} F2 ${f3(fBeta(all.precision, all.recall, 2))}  category macro-F1 ${f3(all.categoryMacroF1)}`);
    print(JSON.stringify(figures, null, 1));
  }
}

main();
