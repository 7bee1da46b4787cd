import type { TweetJson } from '../../src/read-api/socket-events';
import { api } from './api.js';
import { h, keepingFocus } from './dom.js';
import { categoryLabel, formatConfidence, formatTime, isUrgent } from './format.js';
import type { Responder } from './respond.js';
import { complaintText, journeyFacts, statusPill } from './tweet-row.js';
import { workflowPanel } from './workflow.js';

const LOADED = 100;
/** handled emergencies stay in view for context, but only the latest few */
const HANDLED_SHOWN = 5;

const newestFirst = (a: TweetJson, b: TweetJson): number => b.id - a.id;

export interface EmergenciesElements {
  list: HTMLElement;
  count: HTMLElement;
  empty: HTMLElement;
}

/** The emergencies panel: every emergency still waiting for a response, then the latest handled ones. */
export class EmergenciesPanel {
  private readonly emergencies = new Map<string, TweetJson>();

  constructor(
    private readonly elements: EmergenciesElements,
    private readonly responder: Responder,
  ) {}

  async reload(): Promise<void> {
    const page = await api.tweets({ filter: 'emergency', q: '', limit: LOADED });
    this.emergencies.clear();
    for (const tweet of page.tweets) this.emergencies.set(tweet.tweet_id, tweet);
    this.render();
  }

  /** Takes a batch of changed complaints and renders once, if any of them concerns this panel. */
  upsertMany(tweets: TweetJson[]): void {
    let changed = false;
    for (const tweet of tweets) {
      if (tweet.prediction === 1) this.emergencies.set(tweet.tweet_id, tweet);
      else if (!this.emergencies.delete(tweet.tweet_id)) continue;
      changed = true;
    }
    if (changed) this.render();
  }

  clear(): void {
    this.emergencies.clear();
    this.render();
  }

  private render(): void {
    const all = [...this.emergencies.values()].sort(newestFirst);
    const urgent = all.filter(isUrgent);
    const handled = all.filter((tweet) => !isUrgent(tweet)).slice(0, HANDLED_SHOWN);
    keepingFocus(() => this.elements.list.replaceChildren(...[...urgent, ...handled].map((tweet) => this.card(tweet))));
    this.elements.count.textContent = urgent.length === 1 ? '1 awaiting response' : `${urgent.length} awaiting response`;
    this.elements.count.classList.toggle('count--alert', urgent.length > 0);
    this.elements.empty.hidden = all.length > 0;
  }

  private card(tweet: TweetJson): HTMLElement {
    const card = h(
      'article',
      { class: isUrgent(tweet) ? 'emergency emergency--urgent' : 'emergency emergency--handled', testid: 'emergency-card' },
      h(
        'header',
        { class: 'emergency__head' },
        h('span', { class: 'emergency__category' }, categoryLabel(tweet.category)),
        h('span', { class: 'muted', attrs: { title: 'Classifier confidence' } }, formatConfidence(tweet.confidence)),
        statusPill(tweet),
      ),
      complaintText(tweet),
      journeyFacts(tweet),
      h(
        'p',
        { class: 'emergency__meta' },
        h('time', { attrs: { datetime: tweet.received_at ?? '' } }, formatTime(tweet.received_at ?? tweet.time)),
        ' · ',
        h('span', { class: 'reference' }, tweet.reference ?? tweet.tweet_id),
      ),
      workflowPanel(tweet, 'card', (error) => this.responder.reportError(error)),
      this.responder.render(tweet, 'card'),
    );
    card.dataset.tweetId = tweet.tweet_id;
    return card;
  }
}
