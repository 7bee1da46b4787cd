import type { TweetJson } from '../../src/read-api/socket-events';
import { h, type Child } from './dom.js';
import { categoryLabel, formatConfidence, formatTime, isResponded, predictionLabel, sourceLabel } from './format.js';
import { dueNote } from './due.js';
import { t } from './i18n.js';
import { deliveryNote, labelHistory, relabelForm } from './labels.js';
import type { Responder } from './respond.js';
import { may } from './role.js';
import { statusLabel, workflowPanel } from './workflow.js';

const predictionClass = (tweet: TweetJson): string =>
  tweet.prediction === 1 ? 'badge badge--emergency' : tweet.prediction === 0 ? 'badge badge--feedback' : 'badge';

export const predictionBadge = (tweet: TweetJson): HTMLElement =>
  h('span', { class: predictionClass(tweet), testid: 'tweet-prediction' }, predictionLabel(tweet.prediction));

/** Feedback the classifier was not sure of: it waits in the "Needs review" lane until an admin decides. */
const reviewBadge = (tweet: TweetJson): Child =>
  tweet.prediction === 0 && tweet.review ? h('span', { class: 'badge badge--review', testid: 'tweet-review' }, t('tweet.needsReview')) : null;

export const statusPill = (tweet: TweetJson): HTMLElement =>
  h('span', { class: `status status--${tweet.status}`, testid: 'tweet-status', attrs: { 'data-status': tweet.status } }, statusLabel(tweet.status));

export const journeyFacts = (tweet: TweetJson): HTMLElement => {
  const facts: Array<[string, string | number | null]> = [
    [t('journey.pnr'), tweet.pnr],
    [t('journey.train'), tweet.train],
    [t('journey.coach'), tweet.coach],
    [t('journey.berth'), tweet.berth],
  ];
  const known = facts.filter(([, value]) => value !== null && value !== '');
  if (known.length === 0) return h('span', { class: 'muted', testid: 'tweet-journey' }, '—');
  return h(
    'dl',
    { class: 'facts', testid: 'tweet-journey' },
    ...known.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, String(value))]),
  );
};

export const complaintText = (tweet: TweetJson): HTMLElement =>
  h('p', { class: 'tweet-text', testid: 'tweet-text' }, tweet.tweet);

export interface CardLook {
  class: string;
  testid: string;
  /** the class of the category heading */
  categoryClass: string;
  confidenceTitle: string;
}

/** A complaint as a card (the Emergencies and Needs review lanes): heading, text, journey, time and reference, then `actions`. */
export const complaintCard = (tweet: TweetJson, look: CardLook, ...actions: Child[]): HTMLElement => {
  const due = dueNote(tweet);
  const card = h(
    'article',
    { class: look.class, testid: look.testid },
    h(
      'header',
      { class: 'emergency__head' },
      h('span', { class: look.categoryClass }, categoryLabel(tweet.category)),
      h('span', { class: 'muted', attrs: { title: look.confidenceTitle } }, formatConfidence(tweet.confidence)),
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
    due,
    ...actions,
  );
  if (due?.classList.contains('due--breached')) card.classList.add('card--breached');
  card.dataset.tweetId = tweet.tweet_id;
  return card;
};

const author = (tweet: TweetJson): Child => {
  const who = tweet.name ?? (tweet.username ? '@' + tweet.username : null);
  return who ? h('p', { class: 'author' }, t('tweet.from', { who })) : null;
};

const keywordList = (keywords: string[]): Child =>
  keywords.length === 0
    ? null
    : h(
        'ul',
        { class: 'keywords', testid: 'tweet-keywords', attrs: { 'aria-label': t('tweet.keywords') } },
        ...keywords.map((keyword) => h('li', { class: 'keyword' }, keyword)),
      );

const cell = (label: string, ...children: Child[]): HTMLTableCellElement =>
  h('td', { attrs: { 'data-label': label } }, ...children);

/** One complaint as a table row; every value from the server is set as text. */
export const renderTweetRow = (tweet: TweetJson, responder: Responder): HTMLTableRowElement => {
  const row = h(
    'tr',
    {
      class: ['tweet-row', tweet.prediction === 1 ? 'tweet-row--emergency' : '', isResponded(tweet) ? 'tweet-row--responded' : '']
        .filter(Boolean)
        .join(' '),
      testid: 'tweet-row',
    },
    cell(
      t('column.received'),
      h('time', { attrs: { datetime: tweet.received_at ?? tweet.time ?? '' } }, formatTime(tweet.received_at ?? tweet.time)),
      h('span', { class: 'reference', testid: 'tweet-reference' }, tweet.reference ?? tweet.tweet_id),
    ),
    cell(t('column.complaint'), complaintText(tweet), author(tweet), keywordList(tweet.keywords)),
    cell(t('column.journey'), journeyFacts(tweet)),
    cell(
      t('column.classification'),
      predictionBadge(tweet),
      reviewBadge(tweet),
      h('span', { class: 'category', testid: 'tweet-category' }, categoryLabel(tweet.category)),
      h('span', { class: 'confidence', testid: 'tweet-confidence', attrs: { title: t('tweet.confidence') } }, formatConfidence(tweet.confidence)),
      labelHistory(tweet),
      may('responder') ? relabelForm(tweet, (error) => responder.reportError(error)) : null,
    ),
    cell(t('column.source'), h('span', { testid: 'tweet-source' }, sourceLabel(tweet.source))),
    cell(t('column.status'), statusPill(tweet), dueNote(tweet), workflowPanel(tweet, 'row', (error) => responder.reportError(error))),
    cell(t('column.response'), responder.render(tweet, 'row'), deliveryNote(tweet)),
  );
  row.dataset.tweetId = tweet.tweet_id;
  row.dataset.id = String(tweet.id);
  if (tweet.reference) row.dataset.reference = tweet.reference;
  return row;
};
