import { classifierFor } from '../index';
import { loadCorpus } from '../model-file';
import { findSharedFile, loadRealPosts, REAL_TRAIN_FILE } from '../real-posts';

/**
 * Texts a second of CPU time (one core) of model versions on the corpus's texts (with `--real`: the real training
 * posts' texts, never the dev file's), alternating runs: `npx tsx src/classify/models/speed.ts [--real] linear-7 linear-9`.
 */
if (require.main === module) {
  const real = process.argv[2] === '--real';
  const trainFile = real ? findSharedFile(REAL_TRAIN_FILE) : undefined;
  if (real && !trainFile) throw new Error(`${REAL_TRAIN_FILE} not found`);
  const texts = trainFile ? loadRealPosts(trainFile).map((p) => p.text) : loadCorpus().map((r) => r.text);
  const versions = process.argv.slice(real ? 3 : 2);
  for (let round = 0; round < 3; round++) {
    for (const version of versions) {
      const classify = classifierFor(version);
      for (const t of texts) classify(t);
      const start = process.cpuUsage();
      let n = 0;
      let elapsed = 0;
      while (elapsed < 1.5) {
        for (const t of texts) classify(t);
        n += texts.length;
        const used = process.cpuUsage(start);
        elapsed = (used.user + used.system) / 1e6;
      }
      process.stdout.write(`${version}: ${Math.round(n / elapsed)} texts/s\n`);
    }
  }
}
