// Bundles Chart.js (npm, pinned) into one ES module beside the dashboard's compiled scripts: the browser loads it from
// the dashboard's own origin (no CDN, and the CSP's script-src 'self' holds). web/src/vendor/chart.d.ts types it.
import process from 'node:process';
import { build } from 'esbuild';

await build({
  stdin: { contents: "export { Chart } from 'chart.js/auto';", resolveDir: process.cwd(), loader: 'js' },
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2020',
  legalComments: 'eof',
  outfile: 'web/dist/web/src/vendor/chart.js',
  logLevel: 'warning',
});
