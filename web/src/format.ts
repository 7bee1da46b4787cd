import type { TweetJson } from '../../src/read-api/socket-events';
import { categoryName, currentLocale, t } from './i18n.js';

const dateTimes = new Map<string, Intl.DateTimeFormat>();

/** A server time (ISO 8601) as the admin's local date and time, in the dashboard's language; the raw value when it does not parse. */
export const formatTime = (iso: string | null): string => {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = currentLocale();
  let format = dateTimes.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateTimes.set(locale, format);
  }
  return format.format(date);
};

export const formatConfidence = (confidence: number | null): string =>
  confidence === null ? '—' : `${Math.round(confidence * 100)}%`;

export const predictionLabel = (prediction: TweetJson['prediction']): string =>
  prediction === 1 ? t('prediction.emergency') : prediction === 0 ? t('prediction.feedback') : t('prediction.none');

/** `women_safety` -> `Women safety` (or its Hindi name) */
export const categoryLabel = (category: string | null): string => (category ? categoryName(category) : '—');

export const sourceLabel = (source: string | null): string => source ?? '—';

export const isResponded = (tweet: TweetJson): boolean => tweet.response_status === 1 || tweet.status === 'responded';

/** An emergency nobody has answered or closed yet. */
export const isUrgent = (tweet: TweetJson): boolean => tweet.prediction === 1 && !isResponded(tweet) && tweet.status !== 'resolved';
