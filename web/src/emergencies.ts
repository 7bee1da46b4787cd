import type { TweetJson } from '../../src/read-api/socket-events';
import { api } from './api.js';
import { keepingFocus } from './dom.js';
import { byTimeLeft } from './due.js';
import { isUrgent } from './format.js';
import type { Responder } from './respond.js';
import { complaintCard } from './tweet-row.js';
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

  /** The emergencies waiting for a first response (least time left first, from the server) and the latest ones. */
  async reload(): Promise<void> {
    const [waiting, latest] = await Promise.all([
      api.tweets({ filter: 'emergency', q: '', limit: LOADED, sort: 'due' }),
      api.tweets({ filter: 'emergency', q: '', limit: LOADED }),
    ]);
    this.emergencies.clear();
    for (const tweet of [...latest.tweets, ...waiting.tweets]) this.emergencies.set(tweet.tweet_id, tweet);
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
    // The queue runs by time left to the first-response target; answered ones follow, newest first.
    const urgent = all.filter(isUrgent).sort(byTimeLeft);
    const handled = all.filter((tweet) => !isUrgent(tweet)).slice(0, HANDLED_SHOWN);
    keepingFocus(() => this.elements.list.replaceChildren(...[...urgent, ...handled].map((tweet) => this.card(tweet))));
    this.elements.count.textContent = urgent.length === 1 ? '1 awaiting response' : `${urgent.length} awaiting response`;
    this.elements.count.classList.toggle('count--alert', urgent.length > 0);
    this.elements.empty.hidden = all.length > 0;
  }

  private card(tweet: TweetJson): HTMLElement {
    return complaintCard(
      tweet,
      {
        class: isUrgent(tweet) ? 'emergency emergency--urgent' : 'emergency emergency--handled',
        testid: 'emergency-card',
        categoryClass: 'emergency__category',
        confidenceTitle: 'Classifier confidence',
      },
      workflowPanel(tweet, 'card', (error) => this.responder.reportError(error)),
      this.responder.render(tweet, 'card'),
    );
  }
}
