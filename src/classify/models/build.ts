import { trainFromCorpus, writeModel } from '../model-file';

/** Rebuilds the shipped model from the corpus: `npx tsx src/classify/models/build.ts`. */
if (require.main === module) {
  const { json, heldOut } = trainFromCorpus(undefined, {
    onProgress: (done, total) => process.stdout.write(`\rtraining ${Math.round((100 * done) / total)}%`),
  });
  const path = writeModel(json);
  process.stdout.write(`\nwrote ${path}\nheld-out: ${JSON.stringify(heldOut, null, 2)}\n`);
}
