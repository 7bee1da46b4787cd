import { findSharedFile, loadRealPosts, REAL_TRAIN_FILE } from '../real-posts';
import { stratifiedFolds } from '../real-train';

/**
 * The 5 stratified folds every selection since linear-8 uses (seed 11), as `id,fold` lines (ids only, no text), for
 * the scikit-learn reference (sklearn_reference.py) to score the same folds:
 *
 *   npx tsx src/classify/models/folds.ts > /tmp/folds.csv
 */
if (require.main === module) {
  const path = findSharedFile(REAL_TRAIN_FILE);
  if (!path) throw new Error(`${REAL_TRAIN_FILE} not found`);
  const posts = loadRealPosts(path);
  const fold = stratifiedFolds(posts, 5, 11);
  process.stdout.write(`id,fold\n${posts.map((p, i) => `${p.id},${fold[i]}`).join('\n')}\n`);
}
