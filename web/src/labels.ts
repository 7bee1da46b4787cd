import type { TweetJson } from '../../src/read-api/socket-events';
import { api } from './api.js';
import { h, type Child } from './dom.js';
import { categoryLabel, predictionLabel } from './format.js';
import { t } from './i18n.js';

/** The categories an admin may choose when correcting a label (the classifier's list). */
const CATEGORIES = [
  'security', 'medical', 'safety_incident', 'women_safety', 'divyangjan', 'child', 'cleanliness', 'water', 'electrical',
  'catering', 'staff_behaviour', 'corruption', 'punctuality', 'ticketing', 'reservation_berth', 'bedroll', 'maintenance',
  'luggage', 'other',
];

/** What changed the label: a newer model's different answer, or an admin's correction. */
export const labelHistory = (tweet: TweetJson): Child => {
  if (tweet.relabeled_by) {
    return h('p', { class: 'label-note', testid: 'tweet-relabeled' }, t('label.correctedBy', { who: tweet.relabeled_by }));
  }
  if (tweet.previous_model_version !== null && tweet.previous_category !== null) {
    return h(
      'p',
      { class: 'label-note', testid: 'tweet-reclassified' },
      t('label.changedBy', {
        model: tweet.model_version ?? t('label.newerModel'),
        prediction: predictionLabel(tweet.previous_prediction),
        category: categoryLabel(tweet.previous_category),
        previous: tweet.previous_model_version,
      }),
    );
  }
  return null;
};

/** Whether an admin's response reached the passenger on Telegram. */
export const deliveryNote = (tweet: TweetJson): Child => {
  if (tweet.delivery_status === 'delivered') return h('p', { class: 'delivery delivery--ok', testid: 'tweet-delivery' }, t('delivery.ok'));
  if (tweet.delivery_status === 'failed') {
    return h('p', { class: 'delivery delivery--failed', testid: 'tweet-delivery' }, t('delivery.failed', { reason: tweet.delivery_error ?? t('delivery.unknown') }));
  }
  return null;
};

/** A small form to correct the label: Emergency or Feedback, and the category. */
export const relabelForm = (tweet: TweetJson, onError: (error: unknown) => void): HTMLElement => {
  const kind = h(
    'select',
    { class: 'relabel__kind', testid: 'relabel-kind', attrs: { 'aria-label': t('label.kind') } },
    h('option', { attrs: { value: '1' } }, t('prediction.emergency')),
    h('option', { attrs: { value: '0' } }, t('prediction.feedback')),
  );
  kind.value = tweet.prediction === 1 ? '1' : '0';
  const category = h(
    'select',
    { class: 'relabel__category', testid: 'relabel-category', attrs: { 'aria-label': t('label.category') } },
    ...CATEGORIES.map((c) => h('option', { attrs: { value: c } }, categoryLabel(c))),
  );
  category.value = tweet.category ?? 'other';
  const button = h('button', { class: 'button', testid: 'relabel-submit', attrs: { type: 'submit' } }, t('label.correct'));
  const form = h('form', { class: 'relabel', testid: 'relabel-form' }, kind, category, button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    api.relabel(tweet.tweet_id, kind.value === '1' ? 1 : 0, category.value).catch((error: unknown) => {
      button.disabled = false;
      onError(error);
    });
  });
  return h('details', { class: 'relabel-box' }, h('summary', {}, t('label.correct')), form);
};
