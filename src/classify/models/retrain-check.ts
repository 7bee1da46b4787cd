import { readFileSync } from 'node:fs';
import { classifyWithNgram, ngramFromJson, ngramToJson } from '../ngram';
import { trainNgram } from '../ngram-train';
import { loadCorpus, loadNgramModel, modelPath } from '../model-file';

/**
 * Retrains a model of the committed version's features on the corpus with the committed model's threshold and calibration (which came from
 * cross-validation) and prints both models' decisions on the texts given one a line on standard input, as JSON.
 * The unit test runs this in its own process: under the test runner's sandbox training is several times slower.
 *
 *   npx tsx src/classify/models/retrain-check.ts [version] < texts.txt
 */
if (require.main === module) {
  const version = process.argv[2] ?? 'linear-7';
  const committed = loadNgramModel(modelPath(version));
  const texts = readFileSync(0, 'utf8').split('\n').filter((t) => t.trim() !== '');
  const { model } = trainNgram(loadCorpus(), {
    version,
    threshold: committed.threshold,
    calibration: committed.calibration,
    rules: committed.rules,
    lexicon: committed.lexicon,
    categoryChars: committed.categoryChars,
    categoryBigrams: committed.categoryBigrams,
    context: committed.context,
    emergencyBits: committed.emergencyBits,
    categoryBits: committed.categoryBits,
    ruleValue: committed.ruleValue,
  });
  const retrained = ngramFromJson(ngramToJson(model));
  const decisions = (m: typeof committed) =>
    texts.map((t) => {
      const c = classifyWithNgram(m, t);
      return [c.emergency, c.category];
    });
  process.stdout.write(JSON.stringify({ committed: decisions(committed), retrained: decisions(retrained) }) + '\n');
}
