// Copies the data files that code under src/ reads at run time (models, corpus) next to the compiled code in dist/.
import fs from 'node:fs';
import path from 'node:path';

const ASSET = /\.(json|jsonl|txt|tsv)$/;
const copy = (from, to) => {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copy(source, target);
    else if (ASSET.test(entry.name)) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(source, target);
    }
  }
};
copy('src/classify', 'dist/src/classify');
