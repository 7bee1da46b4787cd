import { join } from 'node:path';

/** Where the generated corpus lives; its own module so loading a model does not load the templates. */
export const CORPUS_FILE = join(__dirname, 'corpus.jsonl');
