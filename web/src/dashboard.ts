import type { StatsJson, TweetJson } from '../../src/read-api/socket-events';
import { api, isUnauthorized } from './api.js';
import { ComplaintsTable } from './complaints.js';
import { byId } from './dom.js';
import { EmergenciesPanel } from './emergencies.js';
import { LiveUpdates, type LiveMode } from './live.js';
import { Responder } from './respond.js';
import { ReviewPanel } from './review.js';
import { showStats } from './stats.js';

const MODE_TEXT: Record<LiveMode, { text: string; title: string }> = {
  connecting: { text: 'connecting…', title: 'Connecting for live updates' },
  live: { text: 'live', title: 'Changes appear as they happen' },
  polling: { text: 'polling', title: 'No live connection: refreshing every 10 seconds' },
};

/** Everything after login: stats, emergencies, the complaints table, and the live updates feeding them. */
export class Dashboard {
  private readonly responder: Responder;
  private readonly complaints: ComplaintsTable;
  private readonly emergencies: EmergenciesPanel;
  private readonly review: ReviewPanel;
  private readonly live: LiveUpdates;
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
    this.emergencies = new EmergenciesPanel(
      { list: byId('emergencies-list', HTMLElement), count: byId('emergencies-count', HTMLElement), empty: byId('emergencies-empty', HTMLElement) },
      this.responder,
    );
    this.review = new ReviewPanel(
      { section: byId('review', HTMLElement), list: byId('review-list', HTMLElement), count: byId('review-count', HTMLElement) },
      (error) => this.failed(error),
    );
    this.live = new LiveUpdates({
      tweetsChanged: (tweets, stats) => this.tweetsChanged(tweets, stats),
      refresh: () => this.refresh(),
      resync: () => this.resync(),
      modeChanged: (mode) => this.showMode(mode),
      unauthorized: () => this.checkSession(),
    });
  }

  async start(): Promise<void> {
    this.live.start();
    await Promise.all([this.loadStats(), this.complaints.reload(), this.loadLanes()]);
  }

  stop(): void {
    this.live.stop();
    this.complaints.clear();
    this.emergencies.clear();
    this.review.clear();
    this.responder.clear();
    showStats(null);
    this.say(null);
  }

  /** Changed complaints (a pushed batch, or one fetched): every panel takes all of them, then renders once. */
  private tweetsChanged(tweets: TweetJson[], stats?: StatsJson): void {
    this.complaints.upsertMany(tweets);
    this.emergencies.upsertMany(tweets);
    this.review.upsertMany(tweets);
    if (stats) showStats(stats);
  }

  /** The server left this dashboard behind (it could not keep up): reload what is shown. */
  private async resync(): Promise<void> {
    try {
      const [stats] = await Promise.all([api.stats(), this.complaints.reload(), this.emergencies.reload(), this.review.reload()]);
      showStats(stats);
    } catch (error) {
      this.failed(error);
    }
  }

  /** The polling fallback, and a catch-up after the socket reconnects. */
  private async refresh(): Promise<void> {
    try {
      const [stats] = await Promise.all([api.stats(), this.complaints.refreshNewest(), this.emergencies.reload(), this.review.reload()]);
      showStats(stats);
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
      await Promise.all([this.emergencies.reload(), this.review.reload()]);
    } catch (error) {
      this.failed(error);
    }
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
    this.say(error instanceof Error ? error.message : 'something went wrong');
  }

  private say(message: string | null): void {
    this.notice.textContent = message ?? '';
    this.notice.hidden = message === null;
  }

  private showMode(mode: LiveMode): void {
    this.mode = mode;
    this.indicator.textContent = MODE_TEXT[mode].text;
    this.indicator.title = MODE_TEXT[mode].title;
    this.indicator.className = `live live--${mode}`;
  }
}
