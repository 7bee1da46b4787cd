import { FASTTEXT_OPTIONS } from '../fasttext-train';
import { CASCADE_VERSIONS, realTrainingFile, REAL_POST_VERSIONS, trainCascadeFromRealPosts, TFIDF_VERSIONS, trainFastTextFromRealPosts, trainFromCorpus, trainFromRealPosts, trainTfidfFromRealPosts, writeModel } from '../model-file';

/**
 * Rebuilds a shipped model: `npx tsx src/classify/models/build.ts [version] [real-posts.csv]` (default linear-16, the current model).
 * A cascade (linear-16) needs its two models' files first. Versions trained on real posts (linear-8 to linear-15) read ../shared/data/railway_posts_train.csv unless a file is
 * named, and so do the fasttext versions (fasttext-1); the others train on the corpus only.
 */
if (require.main === module) {
  const version = process.argv[2] ?? 'linear-16';
  const progress = (done: number, total: number) => process.stdout.write(`\rtraining ${Math.round((100 * done) / total)}%`);
  if (CASCADE_VERSIONS.has(version)) {
    // a cascade's two models' files are built first (linear-16: linear-10 is shipped; build linear-12)
    const file = realTrainingFile(process.argv[3]);
    if (!file) throw new Error(`${version} trains on real posts: ../shared/data/railway_posts_train.csv is not there; name a file`);
    const { json, figures, validation } = trainCascadeFromRealPosts(version, file, [], progress);
    const path = writeModel(json);
    process.stdout.write(`\nwrote ${path} (gate ${json.gate}, threshold ${json.threshold}, review from ${json.reviewThreshold})\n`);
    process.stdout.write(`out of fold on the real posts: ${JSON.stringify(figures, null, 2)}\n`);
    process.stdout.write(`validation posts: ${JSON.stringify(validation, null, 2)}\n`);
  } else if (version in FASTTEXT_OPTIONS) {
    const file = realTrainingFile(process.argv[3]);
    if (!file) throw new Error(`${version} trains on real posts: ../shared/data/railway_posts_train.csv is not there; name a file`);
    const { json, crossValidation, validation } = trainFastTextFromRealPosts(file, [], { version, onProgress: progress });
    const path = writeModel(json);
    process.stdout.write(`\nwrote ${path} (threshold ${json.threshold}, review from ${json.reviewThreshold})\n`);
    process.stdout.write(`out of fold on the real posts: ${JSON.stringify(crossValidation.figures, null, 2)}\n`);
    process.stdout.write(`validation posts: ${JSON.stringify(validation, null, 2)}\n`);
  } else if (REAL_POST_VERSIONS.has(version)) {
    const file = realTrainingFile(process.argv[3]);
    if (!file) throw new Error(`${version} trains on real posts: ../shared/data/railway_posts_train.csv is not there; name a file`);
    const { json, crossValidation, validation } = TFIDF_VERSIONS.has(version)
      ? trainTfidfFromRealPosts(file, [], { version, onProgress: progress })
      : trainFromRealPosts(file, [], { version, onProgress: progress });
    const path = writeModel(json);
    process.stdout.write(`\nwrote ${path} (threshold ${json.threshold}, review from ${json.reviewThreshold})\n`);
    process.stdout.write(`out of fold on the real posts: ${JSON.stringify(crossValidation.figures, null, 2)}\n`);
    process.stdout.write(`validation posts: ${JSON.stringify(validation, null, 2)}\n`);
  } else {
    const { json, heldOut, validation } = trainFromCorpus(undefined, { version, onProgress: progress });
    const path = writeModel(json);
    process.stdout.write(`\nwrote ${path} (threshold ${json.threshold})\nheld-out: ${JSON.stringify(heldOut, null, 2)}\n`);
    process.stdout.write(`validation posts: ${JSON.stringify(validation, null, 2)}\n`);
  }
}
