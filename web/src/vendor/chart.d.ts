// Chart.js, bundled by scripts/bundle-chart.mjs into web/dist/web/src/vendor/chart.js (npm's chart.js, pinned).
export { Chart } from 'chart.js';
