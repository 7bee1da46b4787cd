import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { h } from './dom.js';
import { categoryName, currentLocale, t } from './i18n.js';
import type { AnalyticsJson } from './trends-api.js';
import { Chart } from './vendor/chart.js';

/** The dashboard's palette (styles.css), for the canvas, which cannot read CSS variables by itself. */
const COLORS = { emergency: '#b42318', review: '#d4a72c', routine: '#8a94a6', brand: '#123c73', accent: '#1f6feb' };

const numbers = { format: (n: number): string => new Intl.NumberFormat(currentLocale()).format(n) };

/** A bucket's start in UTC, as short as the range allows: `14:00`, `3 Dec 14:00`, `3 Dec`. */
export const bucketLabel = (start: string, data: Pick<AnalyticsJson, 'bucket' | 'range'>): string => {
  const at = new Date(start);
  const day = new Intl.DateTimeFormat(currentLocale(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(at);
  const hour = `${String(at.getUTCHours()).padStart(2, '0')}:00`;
  if (data.bucket === 'day') return day;
  return data.range === '24h' ? hour : `${day} ${hour}`;
};

/** Seconds as minutes and seconds: `4 min 10 s`, `45 s`; a dash without any. */
export const duration = (seconds: number | null): string => {
  if (seconds === null) return '–';
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return t('trends.seconds', { s: rest });
  if (minutes >= 120) return t('trends.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
  return rest === 0 ? t('trends.minutes', { m: minutes }) : t('trends.minutesSeconds', { m: minutes, s: rest });
};

export interface ChartSlots {
  canvas: HTMLCanvasElement;
  /** the figures beside the chart: the same numbers as text, for screen readers and for reading exact values */
  table: HTMLTableElement;
  /** the figure: its data attributes carry the totals drawn */
  figure: HTMLElement;
}

const base = {
  responsive: true,
  maintainAspectRatio: false,
  // Drawn at once: live updates come often, and an animation would redraw for a second each time.
  animation: false,
} as const;

/** A table of rows of text (never HTML): a header row, then one row per item. */
const fillTable = (table: HTMLTableElement, caption: string, head: string[], rows: string[][]): void => {
  table.replaceChildren(
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...head.map((cell) => h('th', { attrs: { scope: 'col' } }, cell)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell, i) => (i === 0 ? h('th', { attrs: { scope: 'row' } }, cell) : h('td', {}, cell)))))),
  );
};

/** Creates the chart on its canvas the first time, then replaces its data and redraws. */
const draw = (existing: Chart | undefined, canvas: HTMLCanvasElement, config: ChartConfiguration): Chart => {
  if (!existing) return new Chart(canvas, config);
  existing.data = config.data;
  existing.options = config.options ?? {};
  existing.update();
  return existing;
};

const barDataset = (label: string, data: number[], color: string): ChartDataset<'bar', number[]> => ({
  label,
  data,
  backgroundColor: color,
  borderWidth: 0,
});

/**
 * The Trends charts: complaints per bucket (emergencies, review and the rest stacked, so emergencies stand out),
 * the top categories and trains, and the mean first-response time per bucket. Each chart's figures are also written
 * into the table beside it as text.
 */
export class TrendsCharts {
  private volume?: Chart;
  private categories?: Chart;
  private trains?: Chart;
  private response?: Chart;

  constructor(
    private readonly slots: { volume: ChartSlots; categories: ChartSlots; trains: ChartSlots; response: ChartSlots },
  ) {}

  show(data: AnalyticsJson): void {
    this.showVolume(data);
    this.showTop(data);
    this.showResponse(data);
  }

  clear(): void {
    for (const chart of [this.volume, this.categories, this.trains, this.response]) chart?.destroy();
    this.volume = this.categories = this.trains = this.response = undefined;
    for (const slot of Object.values(this.slots)) {
      slot.table.replaceChildren();
      delete slot.figure.dataset.total;
      delete slot.figure.dataset.emergencies;
    }
  }

  private showVolume(data: AnalyticsJson): void {
    const { canvas, table, figure } = this.slots.volume;
    const labels = data.series.map((b) => bucketLabel(b.start, data));
    const other = data.series.map((b) => b.complaints - b.emergencies - b.review);
    this.volume = draw(this.volume, canvas, {
      type: 'bar',
      data: {
        labels,
        datasets: [
          barDataset(t('trends.emergencies'), data.series.map((b) => b.emergencies), COLORS.emergency),
          barDataset(t('trends.review'), data.series.map((b) => b.review), COLORS.review),
          barDataset(t('trends.other'), other, COLORS.routine),
        ],
      },
      options: {
        ...base,
        scales: { x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    figure.dataset.total = String(data.totals.complaints);
    figure.dataset.emergencies = String(data.totals.emergencies);
    const unit = data.bucket === 'day' ? t('trends.day') : t('trends.hour');
    fillTable(
      table,
      data.bucket === 'day' ? t('trends.perDay') : t('trends.perHour'),
      [unit, t('trends.complaints'), t('trends.emergencies'), t('trends.review')],
      data.series.filter((b) => b.complaints > 0).map((b) => [bucketLabel(b.start, data), numbers.format(b.complaints), numbers.format(b.emergencies), numbers.format(b.review)]),
    );
  }

  private showTop(data: AnalyticsJson): void {
    const horizontal = (rows: { name: string; complaints: number; emergencies: number }[]): ChartConfiguration => ({
      type: 'bar',
      data: {
        labels: rows.map((r) => r.name),
        datasets: [
          barDataset(t('trends.emergencies'), rows.map((r) => r.emergencies), COLORS.emergency),
          barDataset(t('trends.other'), rows.map((r) => r.complaints - r.emergencies), COLORS.brand),
        ],
      },
      options: {
        ...base,
        indexAxis: 'y',
        scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    const categories = data.top_categories.map((c) => ({ name: categoryName(c.category), complaints: c.complaints, emergencies: c.emergencies }));
    const trains = data.top_trains.map((t) => ({ name: t.train, complaints: t.complaints, emergencies: t.emergencies }));
    for (const [key, rows, title, caption] of [
      ['categories', categories, t('trends.category'), t('trends.topCategories')],
      ['trains', trains, t('trends.train'), t('trends.topTrains')],
    ] as const) {
      const slot = this.slots[key];
      this[key] = draw(this[key], slot.canvas, horizontal(rows));
      slot.figure.dataset.total = String(rows.reduce((n, r) => n + r.complaints, 0));
      slot.figure.dataset.emergencies = String(rows.reduce((n, r) => n + r.emergencies, 0));
      fillTable(slot.table, caption, [title, t('trends.complaints'), t('trends.emergencies')], rows.map((r) => [r.name, numbers.format(r.complaints), numbers.format(r.emergencies)]));
    }
  }

  private showResponse(data: AnalyticsJson): void {
    const { canvas, table, figure } = this.slots.response;
    this.response = draw(this.response, canvas, {
      type: 'line',
      data: {
        labels: data.series.map((b) => bucketLabel(b.start, data)),
        datasets: [
          {
            label: t('trends.meanResponseMinutes'),
            data: data.series.map((b) => (b.first_response_mean_seconds === null ? null : Math.round(b.first_response_mean_seconds / 6) / 10)),
            borderColor: COLORS.accent,
            backgroundColor: COLORS.accent,
            spanGaps: true,
            pointRadius: 3,
          },
        ],
      },
      options: {
        ...base,
        scales: { x: { ticks: { maxRotation: 0, autoSkip: true } }, y: { beginAtZero: true } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    figure.dataset.total = String(data.first_response.count);
    fillTable(
      table,
      data.bucket === 'day' ? t('trends.responsePerDay') : t('trends.responsePerHour'),
      [data.bucket === 'day' ? t('trends.day') : t('trends.hour'), t('trends.firstResponses'), t('trends.meanTime')],
      data.series
        .filter((b) => b.first_responses > 0)
        .map((b) => [bucketLabel(b.start, data), numbers.format(b.first_responses), duration(b.first_response_mean_seconds)]),
    );
  }
}
