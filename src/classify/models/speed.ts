import { classifierFor } from '../index';
import { loadCorpus } from '../model-file';

/**
 * Texts a second of CPU time (one core) of model versions on the corpus's texts, alternating runs:
 * `npx tsx src/classify/models/speed.ts linear-7 linear-9`.
 */
if (require.main === module) {
  const texts = loadCorpus().map((r) => r.text);
  const versions = process.argv.slice(2);
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
