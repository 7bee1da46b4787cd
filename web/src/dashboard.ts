import type { StatsJson, TweetJson } from '../../src/read-api/socket-events';
import { api, isUnauthorized } from './api.js';
import { ComplaintsTable } from './complaints.js';
import { byId } from './dom.js';
import { DueClock } from './due.js';
import { emergenciesLane } from './emergencies.js';
import { setUpExport } from './export.js';
import { onLanguageChange, t, type MessageKey } from './i18n.js';
import { Lane, type LaneSpec } from './lane.js';
import { LiveUpdates, type LiveMode } from './live.js';
import { Responder } from './respond.js';
import { reviewLane } from './review.js';
import { restateStats, showStats } from './stats.js';
import { mineLane, openLane } from './work-lanes.js';
import { closeHistory, historyChanged } from './history.js';
import { TrendsView } from './trends.js';
import { AdminsView } from './admins.js';

const MODE_TEXT: Record<LiveMode, { text: MessageKey; title: MessageKey }> = {
  connecting: { text: 'live.connecting', title: 'live.connecting.title' },
  live: { text: 'live.live', title: 'live.live.title' },
  polling: { text: 'live.polling', title: 'live.polling.title' },
};

/** A lane of the page: `<section id="NAME">` holding `NAME-list`, `NAME-count`, `NAME-empty` and `NAME-load-more`. */
const laneOn = (name: string, spec: LaneSpec, failed: (error: unknown) => void): Lane => {
  const empty = document.getElementById(`${name}-empty`);
  return new Lane(
    spec,
    {
      section: byId(name, HTMLElement),
      list: byId(`${name}-list`, HTMLElement),
      count: byId(`${name}-count`, HTMLElement),
      empty: empty instanceof HTMLElement ? empty : null,
      loadMore: byId(`${name}-load-more`, HTMLButtonElement),
    },
    failed,
  );
};

/** Everything after login: stats, the lanes (Emergencies, Needs review, Open, Mine), the complaints table, and the live updates feeding them. */
export class Dashboard {
  private readonly responder: Responder;
  private readonly complaints: ComplaintsTable;
  private readonly lanes: Lane[];
  private readonly live: LiveUpdates;
  private readonly dueClock = new DueClock();
  private readonly trends = new TrendsView((error) => this.failed(error));
  private readonly admins = new AdminsView({ shown: () => this.trends.hide(), failed: (error) => this.failed(error) });
  private readonly indicator = byId('live-status', HTMLElement);
  private readonly notice = byId('notice', HTMLElement);
  private mode: LiveMode = 'connecting';

  /** `sessionEnded` is called when the server no longer accepts the session */
  constructor(private readonly sessionEnded: () => void) {
    this.responder = new Responder({
      sent: (tweetId) => this.afterResponse(tweetId),
      unauthorized: () => this.checkSession(),
    });
    this.complaints = new ComplaintsTable(
      {
        body: byId('tweets-body', HTMLTableSectionElement),
        empty: byId('tweets-empty', HTMLElement),
        loadMore: byId('load-more', HTMLButtonElement),
        filters: Array.from(document.querySelectorAll<HTMLButtonElement>('#filters button')),
        searchForm: byId('search-form', HTMLFormElement),
        search: byId('search', HTMLInputElement),
      },
      this.responder,
      (error) => this.failed(error),
    );
    const failed = (error: unknown) => this.failed(error);
    this.lanes = [
      laneOn('emergencies', emergenciesLane(this.responder), failed),
      laneOn('review', reviewLane(failed), failed),
      laneOn('open', openLane(this.responder), failed),
      laneOn('mine', mineLane(this.responder), failed),
    ];
    this.live = new LiveUpdates({
      tweetsChanged: (tweets, stats) => this.tweetsChanged(tweets, stats),
      refresh: () => this.refresh(),
      resync: () => this.resync(),
      modeChanged: (mode) => this.showMode(mode),
      unauthorized: () => this.checkSession(),
      analyticsChanged: () => this.trends.changed(),
    });
    onLanguageChange(() => this.rerender());
  }

  async start(): Promise<void> {
    setUpExport();
    this.admins.start();
    this.dueClock.start();
    this.live.start();
    await Promise.all([this.loadStats(), this.complaints.reload(), this.loadLanes()]);
  }

  stop(): void {
    this.dueClock.stop();
    this.live.stop();
    closeHistory();
    this.complaints.clear();
    for (const lane of this.lanes) lane.clear();
    this.responder.clear();
    this.trends.clear();
    this.admins.clear();
    showStats(null);
    this.say(null);
  }

  /** Changed complaints (a pushed batch, or one fetched): every panel takes all of them, then renders once. */
  private tweetsChanged(tweets: TweetJson[], stats?: StatsJson): void {
    historyChanged(tweets.map((t) => t.tweet_id));
    this.complaints.upsertMany(tweets);
    for (const lane of this.lanes) lane.upsertMany(tweets);
    this.trends.changed();
    if (stats) showStats(stats);
  }

  /** The server left this dashboard behind (it could not keep up): reload what is shown. */
  private async resync(): Promise<void> {
    try {
      const [stats] = await Promise.all([api.stats(), this.complaints.reload(), this.reloadLanes()]);
      showStats(stats);
      this.trends.changed();
    } catch (error) {
      this.failed(error);
    }
  }

  /** The polling fallback, and a catch-up after the socket reconnects. */
  private async refresh(): Promise<void> {
    try {
      const [stats] = await Promise.all([api.stats(), this.complaints.refreshNewest(), this.reloadLanes()]);
      showStats(stats);
      this.trends.changed();
      this.say(null);
    } catch (error) {
      this.failed(error);
    }
  }

  private async loadStats(): Promise<void> {
    try {
      showStats(await api.stats());
    } catch (error) {
      this.failed(error);
    }
  }

  private async loadLanes(): Promise<void> {
    try {
      await this.reloadLanes();
    } catch (error) {
      this.failed(error);
    }
  }

  private async reloadLanes(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.reload()));
  }

  /** Everything shown, again, in the language just chosen (complaint texts stay as written). */
  private rerender(): void {
    this.complaints.rerender();
    for (const lane of this.lanes) lane.render();
    restateStats();
    this.showMode(this.mode);
  }

  /** Without the socket nothing would announce the responded row, so fetch it once the projection had a moment. */
  private afterResponse(tweetId: string): void {
    if (this.mode === 'live') return;
    window.setTimeout(() => {
      api.tweet(tweetId).then(
        (tweet) => this.tweetsChanged([tweet]),
        (error: unknown) => this.failed(error),
      );
    }, 1000);
  }

  private checkSession(): void {
    api.me().then(
      () => undefined,
      (error: unknown) => this.failed(error),
    );
  }

  private failed(error: unknown): void {
    if (isUnauthorized(error)) {
      this.sessionEnded();
      return;
    }
    this.say(error instanceof Error ? error.message : t('error.generic'));
  }

  private say(message: string | null): void {
    this.notice.textContent = message ?? '';
    this.notice.hidden = message === null;
  }

  private showMode(mode: LiveMode): void {
    this.mode = mode;
    this.indicator.textContent = t(MODE_TEXT[mode].text);
    this.indicator.title = t(MODE_TEXT[mode].title);
    this.indicator.className = `live live--${mode}`;
  }
}
