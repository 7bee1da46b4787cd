/** The Socket.IO event map, shared by the server and the dashboard (web/app.ts imports these types). */
import type { WorkflowFields } from '../projections/workflow-fields';

/** A complaint as the API and the live push send it: the original `tweets` columns, then the additions. */
export interface TweetJson extends WorkflowFields {
  id: number;
  tweet: string;
  username: string | null;
  pnr: number | null;
  prediction: 0 | 1 | null;
  tweet_id: string;
  user_id: number | null;
  chat_id: number | null;
  source: string | null;
  latitude: number | null;
  longitude: number | null;
  time: string | null;
  response_status: 0 | 1;
  response: string | null;
  reference: string | null;
  name: string | null;
  category: string | null;
  confidence: number | null;
  priority: number | null;
  model_version: string | null;
  keywords: string[];
  language: string | null;
  train: string | null;
  coach: string | null;
  berth: string | null;
  /** the workflow: new, acknowledged, in_progress (assigned), responded, resolved, reopened ('incomplete' before received) */
  status: string;
  received_at: string | null;
  classified_at: string | null;
  responded_at: string | null;
  responded_by: string | null;
  amended_at: string | null;
  has_photo: boolean;
  /** 'delivered' | 'failed' | null (not a Telegram complaint, or not yet tried) */
  delivery_status: string | null;
  delivery_error: string | null;
  delivered_at: string | null;
  /** set when a newer model changed the answer */
  previous_prediction: 0 | 1 | null;
  previous_category: string | null;
  previous_model_version: string | null;
  relabeled_by: string | null;
  relabeled_at: string | null;
  /** the model flagged this Feedback for a person to look at; false once an admin relabeled it */
  review: boolean;
  /** emergency (prediction 1), review (flagged Feedback) or routine; null until classified */
  triage: 'emergency' | 'review' | 'routine' | null;
  /** the first acknowledgement, assignment, response or resolution (null: still waiting) */
  first_response_at: string | null;
  /** received + the first-response target of its triage and category */
  due_at: string | null;
  /** the first response came after due_at, or has not come and due_at has passed (when this was sent) */
  breached: boolean;
}

export interface StatsJson {
  total: number;
  emergency: number;
  feedback: number;
  responded: number;
  pending: number;
  /** Feedback in the "Needs review" lane */
  review: number;
}

/** A complaint on the wire: its values in the order of its batch's `columns`. */
export type PackedTweet = TweetJson[keyof TweetJson][];

/**
 * One flush of the live push: every complaint whose row changed since the last one, and the stats after them. The
 * keys are sent once per batch, not once per complaint (more than half of a complaint's JSON): `unpackTweets` in
 * the dashboard turns `rows` back into TweetJson objects.
 */
export interface TweetsBatch {
  columns: (keyof TweetJson)[];
  rows: PackedTweet[];
  stats: StatsJson;
}

export interface ServerToClientEvents {
  /** complaints' rows changed (received, classified, responded, relabeled); sent after the projection committed */
  'tweets:changed': (batch: TweetsBatch) => void;
  /** the analytics read model (the Trends view's figures) changed; sent after its projection committed */
  'analytics:changed': () => void;
  /** this client fell behind and batches were dropped for it: reload what is shown */
  resync: () => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}
