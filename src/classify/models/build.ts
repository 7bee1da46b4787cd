import { trainFromCorpus, writeModel } from '../model-file';

/** Rebuilds the shipped model from the corpus: `npx tsx src/classify/models/build.ts [version]` (default linear-7). */
if (require.main === module) {
  const version = process.argv[2] ?? 'linear-7';
  const { json, heldOut, validation } = trainFromCorpus(undefined, {
    version,
    onProgress: (done, total) => process.stdout.write(`\rtraining ${Math.round((100 * done) / total)}%`),
  });
  const path = writeModel(json);
  process.stdout.write(`\nwrote ${path} (threshold ${json.threshold})\nheld-out: ${JSON.stringify(heldOut, null, 2)}\n`);
  process.stdout.write(`validation posts: ${JSON.stringify(validation, null, 2)}\n`);
}
