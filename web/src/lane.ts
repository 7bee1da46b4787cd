import type { TweetJson } from '../../src/read-api/socket-events';
import { api, type TweetFilter } from './api.js';
import { keepingFocus } from './dom.js';
import { t } from './i18n.js';

/** A lane shows a page at a time; "Load more" asks for the next one with the last page's X-Next-Before. */
export const LANE_PAGE_SIZE = 20;

const newestFirst = (a: TweetJson, b: TweetJson): number => b.id - a.id;

/** What makes one lane differ from another. */
export interface LaneSpec {
  /** the list API's filter for this lane */
  filter: TweetFilter;
  /** the same filter, applied to a pushed row: one that no longer belongs leaves the lane */
  belongs(tweet: TweetJson): boolean;
  card(tweet: TweetJson, lane: Lane): HTMLElement;
  /** the count in the lane's heading: `more` when further pages exist */
  count(shown: TweetJson[], more: boolean): string;
  /** order of the cards (newest first unless said otherwise) */
  order?(a: TweetJson, b: TweetJson): number;
  /** a lane that is shown only while it holds something (Needs review) */
  hideWhenEmpty?: boolean;
}

export interface LaneElements {
  section: HTMLElement;
  list: HTMLElement;
  count: HTMLElement;
  empty: HTMLElement | null;
  loadMore: HTMLButtonElement;
}

/** One lane of the queue: its loaded pages as cards, kept in step with the live push. */
export class Lane {
  private readonly items = new Map<string, TweetJson>();
  private nextBefore: number | null = null;
  /** answers of superseded requests (a reload meanwhile) are dropped */
  private generation = 0;

  constructor(
    private readonly spec: LaneSpec,
    private readonly elements: LaneElements,
    private readonly failed: (error: unknown) => void,
  ) {
    elements.loadMore.addEventListener('click', () => void this.loadMore());
  }

  /** The first page, replacing what is shown. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    const page = await api.tweets({ filter: this.spec.filter, q: '', limit: LANE_PAGE_SIZE });
    if (generation !== this.generation) return;
    this.items.clear();
    for (const tweet of page.tweets) this.items.set(tweet.tweet_id, tweet);
    this.nextBefore = page.nextBefore;
    this.render();
  }

  /** Takes a batch of changed complaints and renders once, if any of them concerns this lane. */
  upsertMany(tweets: TweetJson[]): void {
    let changed = false;
    const oldest = Math.min(...[...this.items.values()].map((tweet) => tweet.id));
    for (const tweet of tweets) {
      if (this.spec.belongs(tweet)) {
        // older than every loaded card while more pages exist: it comes with "Load more"
        if (!this.items.has(tweet.tweet_id) && this.nextBefore !== null && tweet.id < oldest) continue;
        this.items.set(tweet.tweet_id, tweet);
      } else if (!this.items.delete(tweet.tweet_id)) {
        continue;
      }
      changed = true;
    }
    if (changed) this.render();
  }

  /** Takes a complaint out at once (a decision the live push will confirm). */
  remove(tweetId: string): void {
    if (this.items.delete(tweetId)) this.render();
  }

  clear(): void {
    this.generation += 1;
    this.items.clear();
    this.nextBefore = null;
    this.render();
  }

  /** Renders the cards again (the language changed). */
  render(): void {
    const all = [...this.items.values()].sort(this.spec.order ?? newestFirst);
    keepingFocus(() => this.elements.list.replaceChildren(...all.map((tweet) => this.spec.card(tweet, this))));
    this.elements.count.textContent = this.spec.count(all, this.nextBefore !== null);
    if (this.elements.empty) this.elements.empty.hidden = all.length > 0;
    if (this.spec.hideWhenEmpty) {
      this.elements.section.hidden = all.length === 0;
      // and its link in the lanes' navigation with it
      const link = document.querySelector<HTMLElement>(`a[href="#${this.elements.section.id}"]`);
      if (link) link.hidden = all.length === 0;
    }
    this.elements.loadMore.hidden = this.nextBefore === null;
    const title = this.elements.section.querySelector('h2')?.textContent ?? '';
    this.elements.loadMore.setAttribute('aria-label', t('lane.loadMore.label', { lane: title }));
  }

  private async loadMore(): Promise<void> {
    if (this.nextBefore === null) return;
    const generation = this.generation;
    this.elements.loadMore.disabled = true;
    try {
      const page = await api.tweets({ filter: this.spec.filter, q: '', limit: LANE_PAGE_SIZE, before: this.nextBefore });
      if (generation !== this.generation) return;
      for (const tweet of page.tweets) if (!this.items.has(tweet.tweet_id)) this.items.set(tweet.tweet_id, tweet);
      this.nextBefore = page.nextBefore;
      this.render();
    } catch (error) {
      this.failed(error);
    } finally {
      this.elements.loadMore.disabled = false;
    }
  }
}
