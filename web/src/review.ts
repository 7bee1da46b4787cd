import type { TweetJson } from '../../src/read-api/socket-events';
import { api } from './api.js';
import { h } from './dom.js';
import { byTimeLeft } from './due.js';
import { categoryLabel } from './format.js';
import { t, tCount } from './i18n.js';
import type { Lane, LaneSpec } from './lane.js';
import { may } from './role.js';
import { complaintCard } from './tweet-row.js';

/** The categories of an emergency; an admin who calls a review item an emergency picks one of these. */
const URGENT_CATEGORIES = ['security', 'medical', 'women_safety', 'child', 'safety_incident'];

export const needsReview = (tweet: TweetJson): boolean => tweet.prediction === 0 && tweet.review;

const settle = (lane: Lane, tweet: TweetJson, emergency: 0 | 1, category: string, buttons: HTMLButtonElement[], onError: (error: unknown) => void): void => {
  for (const button of buttons) button.disabled = true;
  api.relabel(tweet.tweet_id, emergency, category).then(
    () => lane.remove(tweet.tweet_id),
    (error: unknown) => {
      for (const button of buttons) button.disabled = false;
      onError(error);
    },
  );
};

/**
 * The "Needs review" lane: Feedback the classifier was not sure of, shown only while it holds something. One click
 * settles each as an emergency or not (a relabel, which later training learns from); the card leaves the lane at once
 * and the live push confirms it. Its loaded pages are ordered by time left to the first-response target.
 */
export const reviewLane = (onError: (error: unknown) => void): LaneSpec => ({
  filter: 'review',
  belongs: needsReview,
  hideWhenEmpty: true,
  // those waiting for a first response, least time left first; then the handled ones, newest first
  order: byTimeLeft,
  count: (shown, more) => tCount({ one: 'lane.review.count.one', other: 'lane.review.count.other' }, shown.length, more ? `${shown.length}+` : String(shown.length)),
  card: (tweet, lane) => {
    const reference = tweet.reference ?? tweet.tweet_id;
    const urgentCategory = h(
      'select',
      { class: 'review__category', testid: 'review-category', attrs: { 'aria-label': `${t('review.category')}: ${reference}` } },
      h('option', { attrs: { value: '' } }, t('review.chooseCategory')),
      ...URGENT_CATEGORIES.map((c) => h('option', { attrs: { value: c } }, categoryLabel(c))),
    );
    // The classifier's category when it is an emergency's; otherwise the admin names the kind of emergency, so an
    // emergency is never filed under a category nobody chose.
    urgentCategory.value = URGENT_CATEGORIES.includes(tweet.category ?? '') ? (tweet.category as string) : '';
    const isEmergency = h('button', { class: 'button button--danger', testid: 'review-emergency', attrs: { type: 'button' } }, t('review.emergency'));
    const notEmergency = h('button', { class: 'button', testid: 'review-not-emergency', attrs: { type: 'button' } }, t('review.notEmergency'));
    const buttons = [isEmergency, notEmergency];
    urgentCategory.addEventListener('change', () => urgentCategory.removeAttribute('aria-invalid'));
    isEmergency.addEventListener('click', () => {
      if (urgentCategory.value === '') {
        urgentCategory.setAttribute('aria-invalid', 'true');
        urgentCategory.focus();
        return;
      }
      settle(lane, tweet, 1, urgentCategory.value, buttons, onError);
    });
    notEmergency.addEventListener('click', () => settle(lane, tweet, 0, tweet.category ?? 'other', buttons, onError));
    return complaintCard(
      tweet,
      {
        class: 'review-card',
        testid: 'review-card',
        categoryClass: 'review__category-label',
        confidenceTitle: t('tweet.confidenceNotEmergency'),
      },
      may('responder')
        ? h(
            'div',
            { class: 'review__actions', attrs: { role: 'group', 'aria-label': `${t('review.question')} ${reference}` } },
            isEmergency,
            urgentCategory,
            notEmergency,
          )
        : null,
    );
  },
});
