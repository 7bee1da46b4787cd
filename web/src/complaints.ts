import type { TweetJson } from '../../src/read-api/socket-events';
import { api, type TweetFilter } from './api.js';
import { keepingFocus } from './dom.js';
import { t } from './i18n.js';
import type { Responder } from './respond.js';
import { renderTweetRow } from './tweet-row.js';

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;

export interface ComplaintsElements {
  body: HTMLTableSectionElement;
  empty: HTMLElement;
  loadMore: HTMLButtonElement;
  filters: HTMLButtonElement[];
  searchForm: HTMLFormElement;
  search: HTMLInputElement;
}

/**
 * The complaints table: one filter and one search at a time, pages loaded on demand, and rows kept in the API's
 * order (id, newest first) while live changes are merged in.
 */
const wordsOf = (text: string): string[] => text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];

export class ComplaintsTable {
  private filter: TweetFilter = 'all';
  private q = '';
  private nextBefore: number | null = null;
  private readonly shown = new Map<string, TweetJson>();
  /** answers of superseded requests (an older filter or search) are dropped */
  private generation = 0;
  private searchTimer: number | undefined;

  constructor(
    private readonly elements: ComplaintsElements,
    private readonly responder: Responder,
    private readonly failed: (error: unknown) => void,
  ) {
    for (const button of elements.filters) {
      button.addEventListener('click', () => this.setFilter(button.value as TweetFilter));
    }
    elements.searchForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.setSearch(elements.search.value);
    });
    elements.search.addEventListener('input', () => {
      window.clearTimeout(this.searchTimer);
      this.searchTimer = window.setTimeout(() => this.setSearch(elements.search.value), SEARCH_DELAY_MS);
    });
    elements.loadMore.addEventListener('click', () => void this.loadMore());
  }

  /** Loads the first page for the current filter and search, replacing the rows. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    try {
      const page = await api.tweets({ filter: this.filter, q: this.q, limit: PAGE_SIZE });
      if (generation !== this.generation) return;
      this.shown.clear();
      keepingFocus(() => this.elements.body.replaceChildren());
      this.nextBefore = page.nextBefore;
      for (const tweet of page.tweets) this.place(tweet);
      this.updateFooter();
    } catch (error) {
      if (generation === this.generation) this.failed(error);
    }
  }

  /** Merges the newest page into the rows (the polling fallback): new complaints appear, changed ones update. */
  async refreshNewest(): Promise<void> {
    const generation = this.generation;
    const page = await api.tweets({ filter: this.filter, q: this.q, limit: PAGE_SIZE });
    if (generation !== this.generation) return;
    this.upsertMany(page.tweets);
  }

  /**
   * Complaints changed (a pushed batch, or a poll): update their rows, add new ones in place, drop those that no longer
   * match; all in one pass, so a batch is one render.
   */
  upsertMany(tweets: TweetJson[]): void {
    keepingFocus(() => {
      const oldest = this.oldestShownId();
      for (const tweet of tweets) {
        if (!this.matches(tweet)) {
          if (this.shown.delete(tweet.tweet_id)) this.rowOf(tweet.tweet_id)?.remove();
          continue;
        }
        // older than every loaded row while more pages exist: it will come with "Load more"
        if (!this.shown.has(tweet.tweet_id) && this.nextBefore !== null && tweet.id < oldest) continue;
        this.place(tweet, { highlightIfNew: true });
      }
    });
    this.updateFooter();
  }

  /** Renders every shown row again (the language changed). */
  rerender(): void {
    for (const tweet of [...this.shown.values()]) this.place(tweet);
    this.updateFooter();
  }

  clear(): void {
    this.generation += 1;
    this.shown.clear();
    this.nextBefore = null;
    this.elements.body.replaceChildren();
    this.elements.search.value = '';
    this.filter = 'all';
    this.q = '';
    this.markFilter();
  }

  private async loadMore(): Promise<void> {
    if (this.nextBefore === null) return;
    const generation = this.generation;
    this.elements.loadMore.disabled = true;
    try {
      const page = await api.tweets({ filter: this.filter, q: this.q, limit: PAGE_SIZE, before: this.nextBefore });
      if (generation !== this.generation) return;
      this.nextBefore = page.nextBefore;
      for (const tweet of page.tweets) this.place(tweet);
    } catch (error) {
      this.failed(error);
    } finally {
      this.elements.loadMore.disabled = false;
      this.updateFooter();
    }
  }

  private setFilter(filter: TweetFilter): void {
    if (filter === this.filter) return;
    this.filter = filter;
    this.markFilter();
    void this.reload();
  }

  private setSearch(value: string): void {
    window.clearTimeout(this.searchTimer);
    const q = value.trim();
    if (q === this.q) return;
    this.q = q;
    void this.reload();
  }

  private markFilter(): void {
    for (const button of this.elements.filters) button.setAttribute('aria-pressed', String(button.value === this.filter));
  }

  /** The server's filter and search (src/projections/tweets.ts listTweets), applied to a pushed row. */
  private matches(tweet: TweetJson): boolean {
    if (this.filter === 'emergency' && tweet.prediction !== 1) return false;
    if (this.filter === 'feedback' && tweet.prediction !== 0) return false;
    if (this.filter === 'review' && !(tweet.prediction === 0 && tweet.review)) return false;
    if (!this.q) return true;
    const q = this.q;
    if (tweet.reference === q.toUpperCase() || [tweet.tweet_id, tweet.pnr === null ? null : String(tweet.pnr), tweet.train].includes(q)) {
      return true;
    }
    if (q.startsWith('@')) return tweet.username === q.slice(1);
    // every word of the search is a word of the complaint (the server also matches across scripts; a poll adds those)
    const words = new Set(wordsOf(tweet.tweet));
    const wanted = wordsOf(q);
    return wanted.length > 0 && wanted.every((word) => words.has(word));
  }

  /** Renders the row and puts it where its id belongs: rows run newest first. */
  private place(tweet: TweetJson, options = { highlightIfNew: false }): void {
    const isNew = !this.shown.has(tweet.tweet_id);
    this.shown.set(tweet.tweet_id, tweet);
    const row = renderTweetRow(tweet, this.responder);
    const current = this.rowOf(tweet.tweet_id);
    keepingFocus(() => {
      if (current) {
        current.replaceWith(row);
        return;
      }
      const after = Array.from(this.elements.body.rows).find((other) => Number(other.dataset.id) < tweet.id);
      this.elements.body.insertBefore(row, after ?? null);
    });
    if (isNew && options.highlightIfNew) row.classList.add('tweet-row--arrived');
  }

  private rowOf(tweetId: string): HTMLTableRowElement | undefined {
    return Array.from(this.elements.body.rows).find((row) => row.dataset.tweetId === tweetId);
  }

  private oldestShownId(): number {
    let oldest = Infinity;
    for (const tweet of this.shown.values()) oldest = Math.min(oldest, tweet.id);
    return oldest;
  }

  private updateFooter(): void {
    this.elements.loadMore.hidden = this.nextBefore === null;
    this.elements.empty.hidden = this.shown.size > 0;
    this.elements.empty.textContent = this.q || this.filter !== 'all' ? t('complaints.noMatch') : t('complaints.empty');
  }
}
