import { triageOf } from '../events/complaint';
import { isBreached } from '../projections/first-response';
import type { StoredTweet } from '../projections/tweets';
import type { PackedTweet, TweetJson, TweetsBatch } from './socket-events';

const parseKeywords = (keywords: string | null): string[] => {
  if (!keywords) return [];
  try {
    const parsed: unknown = JSON.parse(keywords);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
};

/** The API's shape of a tweets row: the original columns, then the additions. */
export const toTweetJson = (row: StoredTweet, now = new Date()): TweetJson => ({
  id: row.id,
  tweet: row.tweet,
  username: row.username,
  pnr: row.pnr,
  prediction: row.prediction,
  tweet_id: row.tweet_id,
  user_id: row.user_id,
  chat_id: row.chat_id,
  source: row.source,
  latitude: row.latitude,
  longitude: row.longitude,
  time: row.time,
  response_status: row.response_status,
  response: row.response,
  reference: row.reference,
  name: [row.first_name, row.last_name].filter(Boolean).join(' ') || null,
  category: row.category,
  confidence: row.confidence,
  priority: row.priority,
  model_version: row.model_version,
  keywords: parseKeywords(row.keywords),
  language: row.language,
  train: row.train,
  coach: row.coach,
  berth: row.berth,
  status: row.status,
  received_at: row.received_at,
  classified_at: row.classified_at,
  responded_at: row.responded_at,
  responded_by: row.responded_by,
  amended_at: row.amended_at,
  has_photo: row.photo_file_id !== null,
  delivery_status: row.delivery_status,
  delivery_error: row.delivery_error,
  delivered_at: row.delivered_at,
  previous_prediction: row.previous_prediction,
  previous_category: row.previous_category,
  previous_model_version: row.previous_model_version,
  relabeled_by: row.relabeled_by,
  relabeled_at: row.relabeled_at,
  review: row.prediction === 0 && row.review === 1,
  triage: row.prediction === null ? null : triageOf(row.prediction, row.review),
  acknowledged_at: row.acknowledged_at,
  acknowledged_by: row.acknowledged_by,
  assigned_to: row.assigned_to,
  assigned_at: row.assigned_at,
  resolved_at: row.resolved_at,
  resolved_by: row.resolved_by,
  reopened_at: row.reopened_at,
  reopened_by: row.reopened_by,
  notes_count: row.notes_count,
  last_note: row.last_note,
  last_note_by: row.last_note_by,
  last_note_at: row.last_note_at,
  first_response_at: row.first_response_at,
  due_at: row.due_at,
  breached: isBreached(row, now),
});

/** Complaints as the live push sends them: the keys once, then each complaint's values in their order. */
export const packTweets = (tweets: TweetJson[]): Pick<TweetsBatch, 'columns' | 'rows'> => {
  if (tweets.length === 0) return { columns: [], rows: [] };
  const columns = Object.keys(tweets[0]) as (keyof TweetJson)[];
  return { columns, rows: tweets.map((tweet): PackedTweet => columns.map((column) => tweet[column])) };
};
