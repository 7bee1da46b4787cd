import type { TweetJson } from '../../src/read-api/socket-events';
import { api } from './api.js';
import { h, keepingFocus } from './dom.js';
import { byTimeLeft } from './due.js';
import { categoryLabel } from './format.js';
import { may } from './role.js';
import { complaintCard } from './tweet-row.js';

const LOADED = 100;
/** The categories of an emergency; an admin who calls a review item an emergency picks one of these. */
const URGENT_CATEGORIES = ['security', 'medical', 'women_safety', 'child', 'safety_incident'];

export const needsReview = (tweet: TweetJson): boolean => tweet.prediction === 0 && tweet.review;

export interface ReviewElements {
  section: HTMLElement;
  list: HTMLElement;
  count: HTMLElement;
}

/**
 * The "Needs review" lane: Feedback the classifier was not sure of. One click settles each as an emergency or not
 * (a relabel, which later training learns from); the card leaves the lane at once and the live push confirms it.
 */
export class ReviewPanel {
  private readonly items = new Map<string, TweetJson>();

  constructor(
    private readonly elements: ReviewElements,
    private readonly onError: (error: unknown) => void,
  ) {}

  async reload(): Promise<void> {
    const page = await api.tweets({ filter: 'review', q: '', limit: LOADED });
    this.items.clear();
    for (const tweet of page.tweets) this.items.set(tweet.tweet_id, tweet);
    this.render();
  }

  /** Takes a batch of changed complaints and renders once, if any of them concerns the lane. */
  upsertMany(tweets: TweetJson[]): void {
    let changed = false;
    for (const tweet of tweets) {
      if (needsReview(tweet)) this.items.set(tweet.tweet_id, tweet);
      else if (!this.items.delete(tweet.tweet_id)) continue;
      changed = true;
    }
    if (changed) this.render();
  }

  clear(): void {
    this.items.clear();
    this.render();
  }

  private render(): void {
    // least time left to the first-response target first
    const all = [...this.items.values()].sort(byTimeLeft);
    keepingFocus(() => this.elements.list.replaceChildren(...all.map((tweet) => this.card(tweet))));
    this.elements.count.textContent = all.length === 1 ? '1 to check' : `${all.length} to check`;
    // The lane shows only when the classifier gave it something.
    this.elements.section.hidden = all.length === 0;
  }

  private settle(tweet: TweetJson, emergency: 0 | 1, category: string, buttons: HTMLButtonElement[]): void {
    for (const button of buttons) button.disabled = true;
    api.relabel(tweet.tweet_id, emergency, category).then(
      () => {
        this.items.delete(tweet.tweet_id);
        this.render();
      },
      (error: unknown) => {
        for (const button of buttons) button.disabled = false;
        this.onError(error);
      },
    );
  }

  private card(tweet: TweetJson): HTMLElement {
    const urgentCategory = h(
      'select',
      { class: 'review__category', testid: 'review-category', attrs: { 'aria-label': 'Emergency category' } },
      ...URGENT_CATEGORIES.map((c) => h('option', { attrs: { value: c } }, categoryLabel(c))),
    );
    urgentCategory.value = URGENT_CATEGORIES.includes(tweet.category ?? '') ? (tweet.category as string) : 'security';
    const isEmergency = h('button', { class: 'button button--danger', testid: 'review-emergency', attrs: { type: 'button' } }, 'Emergency');
    const notEmergency = h('button', { class: 'button', testid: 'review-not-emergency', attrs: { type: 'button' } }, 'Not an emergency');
    const buttons = [isEmergency, notEmergency];
    isEmergency.addEventListener('click', () => this.settle(tweet, 1, urgentCategory.value, buttons));
    notEmergency.addEventListener('click', () => this.settle(tweet, 0, tweet.category ?? 'other', buttons));
    return complaintCard(
      tweet,
      {
        class: 'review-card',
        testid: 'review-card',
        categoryClass: 'review__category-label',
        confidenceTitle: 'Classifier confidence that it is not an emergency',
      },
      may('responder')
        ? h('div', { class: 'review__actions', attrs: { role: 'group', 'aria-label': 'Is this an emergency?' } }, isEmergency, urgentCategory, notEmergency)
        : null,
    );
  }
}
