import { byId } from './dom.js';
import { currentLocale, onLanguageChange, t, tCount, type MessageKey } from './i18n.js';
import { TrendsCharts, duration, type ChartSlots } from './trends-charts.js';
import { TRENDS_RANGES, fetchAnalytics, type AnalyticsJson, type TrendsRange } from './trends-api.js';

/** Live changes refetch the figures at most this often. */
const REFETCH_EVERY_MS = 2000;


const slots = (name: string): ChartSlots => ({
  canvas: byId(`trends-${name}-chart`, HTMLCanvasElement),
  table: byId(`trends-${name}-table`, HTMLTableElement),
  figure: byId(`trends-${name}`, HTMLElement),
});

const isRange = (value: string): value is TrendsRange => (TRENDS_RANGES as readonly string[]).includes(value);

const count = (n: number, keys: { one: MessageKey; other: MessageKey }): string => tCount(keys, n, new Intl.NumberFormat(currentLocale()).format(n));

const summaryOf = (data: AnalyticsJson): string => {
  const { totals, first_response: first } = data;
  const parts = [
    count(totals.complaints, { one: 'trends.complaints.one', other: 'trends.complaints.other' }),
    count(totals.emergencies, { one: 'trends.emergencies.one', other: 'trends.emergencies.other' }),
    count(totals.review, { one: 'trends.review.one', other: 'trends.review.other' }),
    first.count === 0
      ? t('trends.noFirstResponses')
      : t('trends.mean', { what: count(first.count, { one: 'trends.firstResponses.one', other: 'trends.firstResponses.other' }), time: duration(first.mean_seconds) }),
  ];
  return parts.join(' · ');
};

/**
 * The Trends view beside the queue: a button pair switches between them (the queue's sections are hidden while Trends
 * shows). Its figures are fetched when it is shown, when the range changes, and, throttled, when live changes arrive.
 */
export class TrendsView {
  private readonly dashboard = byId('dashboard-view', HTMLElement);
  private readonly section = byId('trends', HTMLElement);
  private readonly queueButton = byId('view-queue', HTMLButtonElement);
  private readonly trendsButton = byId('view-trends', HTMLButtonElement);
  private readonly rangeButtons = Array.from(document.querySelectorAll<HTMLButtonElement>('#trends-ranges button'));
  private readonly summary = byId('trends-summary', HTMLElement);
  private readonly charts = new TrendsCharts({
    volume: slots('volume'),
    categories: slots('categories'),
    trains: slots('trains'),
    response: slots('response'),
  });
  private range: TrendsRange = '24h';
  private visible = false;
  /** live changes came while the view was hidden: fetch when it shows again */
  private stale = true;
  private lastFetch = 0;
  private timer: number | undefined;
  private fetching = false;
  private again = false;
  /** answers of an older range are dropped */
  private sequence = 0;
  /** the last figures shown, drawn again in another language */
  private shown: AnalyticsJson | null = null;

  constructor(private readonly failed: (error: unknown) => void) {
    this.queueButton.addEventListener('click', () => this.show(false));
    this.trendsButton.addEventListener('click', () => this.show(true));
    for (const button of this.rangeButtons) {
      button.addEventListener('click', () => {
        if (!isRange(button.value) || button.value === this.range) return;
        this.range = button.value;
        for (const other of this.rangeButtons) other.setAttribute('aria-pressed', String(other === button));
        void this.load();
      });
    }
    onLanguageChange(() => {
      if (this.shown === null) return;
      this.summary.textContent = summaryOf(this.shown);
      this.charts.show(this.shown);
    });
  }

  /** Something changed (a pushed batch, an analytics signal, a poll): refetch, at most once per REFETCH_EVERY_MS. */
  changed(): void {
    if (!this.visible) {
      this.stale = true;
      return;
    }
    if (this.fetching) {
      this.again = true;
      return;
    }
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastFetch + REFETCH_EVERY_MS - Date.now());
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      void this.load();
    }, wait);
  }

  /** Signed out: back to the queue, nothing of the old session shown. */
  clear(): void {
    this.show(false);
    window.clearTimeout(this.timer);
    this.timer = undefined;
    this.stale = true;
    this.fetching = false;
    this.again = false;
    this.sequence++;
    this.charts.clear();
    this.shown = null;
    this.summary.textContent = '';
  }

  /** Another view (Admins) took the page. */
  hide(): void {
    this.visible = false;
    this.section.hidden = true;
    this.dashboard.classList.remove('dashboard--trends');
    this.trendsButton.setAttribute('aria-pressed', 'false');
  }

  private show(trends: boolean): void {
    this.visible = trends;
    this.section.hidden = !trends;
    this.dashboard.classList.toggle('dashboard--trends', trends);
    this.queueButton.setAttribute('aria-pressed', String(!trends));
    this.trendsButton.setAttribute('aria-pressed', String(trends));
    if (trends && this.stale) void this.load();
  }

  private async load(): Promise<void> {
    const sequence = ++this.sequence;
    this.fetching = true;
    this.again = false;
    this.stale = false;
    this.lastFetch = Date.now();
    this.section.setAttribute('aria-busy', 'true');
    try {
      const data = await fetchAnalytics(this.range);
      if (sequence !== this.sequence) return;
      if (!this.visible) {
        this.stale = true;
        return;
      }
      this.shown = data;
      this.summary.textContent = summaryOf(data);
      this.section.dataset.range = data.range;
      this.charts.show(data);
    } catch (error) {
      this.stale = true;
      this.failed(error);
    } finally {
      if (sequence === this.sequence) {
        this.fetching = false;
        this.section.removeAttribute('aria-busy');
        if (this.again) this.changed();
      }
    }
  }
}
