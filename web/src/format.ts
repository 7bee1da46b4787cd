import type { TweetJson } from '../../src/read-api/socket-events';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A server time (ISO 8601) as the admin's local date and time; the raw value when it does not parse. */
export const formatTime = (iso: string | null): string => {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
};

export const formatConfidence = (confidence: number | null): string =>
  confidence === null ? '—' : `${Math.round(confidence * 100)}%`;

export const predictionLabel = (prediction: TweetJson['prediction']): string =>
  prediction === 1 ? 'Emergency' : prediction === 0 ? 'Feedback' : 'Not classified yet';

/** `women_safety` -> `Women safety` */
export const categoryLabel = (category: string | null): string => {
  if (!category) return '—';
  const words = category.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const sourceLabel = (source: string | null): string => source ?? '—';

export const isResponded = (tweet: TweetJson): boolean => tweet.response_status === 1 || tweet.status === 'responded';

/** An emergency nobody has answered or closed yet. */
export const isUrgent = (tweet: TweetJson): boolean => tweet.prediction === 1 && !isResponded(tweet) && tweet.status !== 'resolved';
