import type { ComplaintEvent, ComplaintSource, WorkflowStatus } from '../events/complaint';
import { searchDocument } from '../store/search';
import { DEFAULT_RESPONSE_TARGETS, earliest, firstResponseFields, type ResponseTargets } from './first-response';
import type { WorkflowFields } from './workflow-fields';

/** `incomplete` until the complaint's ComplaintReceived arrives; then where it is in the admins' workflow. */
export type TweetStatus = 'incomplete' | WorkflowStatus;

/** One row of the `tweets` read model, as stored (column names are the table's). */
export interface TweetRow extends WorkflowFields {
  tweet_id: string;
  tweet: string;
  username: string | null;
  pnr: number | null;
  prediction: 0 | 1 | null;
  user_id: number | null;
  chat_id: number | null;
  source: string | null;
  latitude: number | null;
  longitude: number | null;
  time: string | null;
  response_status: 0 | 1;
  response: string | null;
  reference: string | null;
  first_name: string | null;
  last_name: string | null;
  contact: string | null;
  category: string | null;
  confidence: number | null;
  priority: number | null;
  model_version: string | null;
  keywords: string | null;
  language: string | null;
  train: string | null;
  coach: string | null;
  berth: string | null;
  status: TweetStatus;
  received_at: string | null;
  classified_at: string | null;
  responded_at: string | null;
  responded_by: string | null;
  received_event_id: string | null;
  classified_event_id: string | null;
  response_event_id: string | null;
  updated_at: string | null;
  photo_file_id: string | null;
  message_id: number | null;
  amended_at: string | null;
  located_at: string | null;
  /** 'delivered' | 'failed' | null: whether the latest response reached the passenger's chat */
  delivery_status: string | null;
  delivery_error: string | null;
  delivered_at: string | null;
  /** the answer a newer classification replaced, so the dashboard can show that it changed */
  previous_prediction: 0 | 1 | null;
  previous_category: string | null;
  previous_model_version: string | null;
  /** an admin's correction: it wins over any model's answer */
  relabeled_by: string | null;
  relabeled_at: string | null;
  /** 1: the model flagged it for a person to look at (not an emergency, but close); an admin's relabel clears it */
  review: 0 | 1;
  /** the text's words as the full-text index reads them (search.ts), kept with the text */
  search_text: string | null;
  /** the latest workflow step or response (null: none yet) and its time; the latest by time wins */
  workflow_status: WorkflowStatus | null;
  workflow_at: string | null;
  assigned_by: string | null;
  /** the first-response target (first-response.ts): when the complaint was first taken up, and when it was due */
  first_response_at: string | null;
  first_response_seconds: number | null;
  due_at: string | null;
  /** due_at until the first response, then null: the time-left queue reads its index */
  waiting_due_at: string | null;
}

export const TWEET_COLUMNS: (keyof TweetRow)[] = [
  'tweet_id', 'tweet', 'username', 'pnr', 'prediction', 'user_id', 'chat_id', 'source', 'latitude', 'longitude',
  'time', 'response_status', 'response', 'reference', 'first_name', 'last_name', 'contact', 'category', 'confidence',
  'priority', 'model_version', 'keywords', 'language', 'train', 'coach', 'berth', 'status', 'received_at',
  'classified_at', 'responded_at', 'responded_by', 'received_event_id', 'classified_event_id', 'response_event_id',
  'updated_at', 'photo_file_id', 'message_id', 'amended_at', 'located_at', 'delivery_status', 'delivery_error',
  'delivered_at', 'previous_prediction', 'previous_category', 'previous_model_version', 'relabeled_by', 'relabeled_at',
  'review', 'search_text', 'workflow_status', 'workflow_at', 'acknowledged_at', 'acknowledged_by', 'assigned_to',
  'assigned_at', 'assigned_by', 'resolved_at', 'resolved_by', 'reopened_at', 'reopened_by', 'notes_count', 'last_note',
  'last_note_by', 'last_note_at', 'first_response_at', 'first_response_seconds', 'due_at', 'waiting_due_at',
];

export const emptyTweetRow = (tweetId: string): TweetRow => ({
  tweet_id: tweetId, tweet: '', username: null, pnr: null, prediction: null, user_id: null, chat_id: null,
  source: null, latitude: null, longitude: null, time: null, response_status: 0, response: null, reference: null,
  first_name: null, last_name: null, contact: null, category: null, confidence: null, priority: null,
  model_version: null, keywords: null, language: null, train: null, coach: null, berth: null, status: 'incomplete',
  received_at: null, classified_at: null, responded_at: null, responded_by: null, received_event_id: null,
  classified_event_id: null, response_event_id: null, updated_at: null, photo_file_id: null, message_id: null,
  amended_at: null, located_at: null, delivery_status: null, delivery_error: null, delivered_at: null,
  previous_prediction: null, previous_category: null, previous_model_version: null, relabeled_by: null, relabeled_at: null,
  review: 0,
  search_text: null,
  workflow_status: null, workflow_at: null, acknowledged_at: null, acknowledged_by: null, assigned_to: null,
  assigned_at: null, assigned_by: null, resolved_at: null, resolved_by: null, reopened_at: null, reopened_by: null,
  notes_count: 0, last_note: null, last_note_by: null, last_note_at: null,
  first_response_at: null, first_response_seconds: null, due_at: null, waiting_due_at: null,
});

const SOURCE_LABELS: Record<ComplaintSource, string> = {
  telegram: 'Telegram',
  web: 'Web',
  cli: 'CLI',
  legacy: 'Telegram',
};

const statusOf = (row: TweetRow): TweetStatus => {
  if (row.received_event_id === null) return 'incomplete';
  return row.workflow_status ?? (row.response_event_id !== null ? 'responded' : 'new');
};

/**
 * The workflow status moves to `status` only for a step newer than the latest one seen: the decider gives every step
 * a time after the previous one, so the latest by time is the latest decided, and a step applied twice changes nothing.
 */
const stepTo = (row: TweetRow, status: WorkflowStatus, at: string): Pick<TweetRow, 'workflow_status' | 'workflow_at'> =>
  row.workflow_at === null || at > row.workflow_at
    ? { workflow_status: status, workflow_at: at }
    : { workflow_status: row.workflow_status, workflow_at: row.workflow_at };

const newer = (at: string, seen: string | null): boolean => seen === null || at > seen;

/**
 * Sets the status and the latest event time seen, whatever the order the events came in. `next` is the fresh copy
 * evolveTweet just made, so it is completed in place instead of being copied a second time (47 columns per event).
 */
const withStatus = (next: TweetRow, at: string): TweetRow => {
  next.status = statusOf(next);
  if (next.updated_at === null || next.updated_at <= at) next.updated_at = at;
  return next;
};

/**
 * When an event takes the complaint up (its first response is the earliest of these): an acknowledgement, an
 * assignment, a response or a resolution, the steps that move a complaint out of `new`. A note does not (it is
 * internal and leaves the status as it is), nor a relabel.
 */
const takenUpAt = (event: ComplaintEvent): string | null => {
  switch (event.type) {
    case 'ComplaintAcknowledged':
      return event.data.acknowledgedAt;
    case 'ComplaintAssigned':
      return event.data.assignedAt;
    case 'ResponseGiven':
      return event.data.respondedAt;
    case 'ComplaintResolved':
      return event.data.resolvedAt;
    default:
      return null;
  }
};

/**
 * evolve for the tweets read model. Pure, order-tolerant and idempotent: an event applied twice changes nothing, and
 * a complaint's events may arrive in any order across topics. Returns the same object when nothing changes.
 *
 * The first response is the earliest take-up seen (a minimum, so any order gives it), and the due time is derived
 * from the row's received time, triage and category with `targets`, after every change.
 */
export const evolveTweet = (current: TweetRow | null, event: ComplaintEvent, targets: ResponseTargets = DEFAULT_RESPONSE_TARGETS): TweetRow => {
  const row = current ?? emptyTweetRow(event.data.complaintId);
  const applied = applyEvent(row, event);
  const takenUp = takenUpAt(event);
  const first = takenUp === null ? applied.first_response_at : earliest(applied.first_response_at, takenUp);
  if (applied === row && first === row.first_response_at) return row;
  // A step older than one seen changes no workflow column, but may still be the first response.
  const next = applied === row ? withStatus({ ...row }, event.metadata.occurredAt) : applied;
  return Object.assign(next, firstResponseFields({ ...next, first_response_at: first }, targets));
};

const applyEvent = (row: TweetRow, event: ComplaintEvent): TweetRow => {
  switch (event.type) {
    case 'ComplaintReceived': {
      if (row.received_event_id !== null) return row;
      const d = event.data;
      return withStatus(
        {
          ...row,
          // An amendment that arrived first keeps its newer text.
          tweet: row.amended_at === null ? d.text : row.tweet,
          search_text: row.amended_at === null ? searchDocument(d.text) : row.search_text,
          username: d.username,
          user_id: d.userId,
          chat_id: d.chatId,
          first_name: d.firstName,
          last_name: d.lastName,
          contact: d.contact,
          source: SOURCE_LABELS[d.source] ?? d.source,
          reference: d.reference,
          time: d.receivedAt,
          received_at: d.receivedAt,
          received_event_id: event.metadata.eventId,
          photo_file_id: d.photoFileId,
          message_id: d.messageId,
        },
        event.metadata.occurredAt,
      );
    }
    case 'ComplaintAmended': {
      const d = event.data;
      if (row.amended_at !== null && d.amendedAt <= row.amended_at) return row;
      return withStatus({ ...row, tweet: d.text, search_text: searchDocument(d.text), amended_at: d.amendedAt }, event.metadata.occurredAt);
    }
    case 'ComplaintLocated': {
      const d = event.data;
      if (row.located_at !== null && d.locatedAt <= row.located_at) return row;
      return withStatus({ ...row, latitude: d.latitude, longitude: d.longitude, located_at: d.locatedAt }, event.metadata.occurredAt);
    }
    case 'ComplaintClassified': {
      const d = event.data;
      if (row.classified_event_id === event.metadata.eventId) return row;
      // The newest classification wins (a reclassification by a newer model replaces an older answer).
      if (row.classified_at !== null && d.classifiedAt < row.classified_at) return row;
      const changed = row.classified_event_id !== null && (row.prediction !== d.prediction || row.category !== d.category);
      const corrected = row.relabeled_at !== null;
      return withStatus(
        {
          ...row,
          prediction: corrected ? row.prediction : d.prediction,
          category: corrected ? row.category : d.category,
          // An admin's decision settles the review; events written before the review lane carry false.
          review: corrected ? row.review : d.prediction === 0 && d.review === true ? 1 : 0,
          previous_prediction: changed && !corrected ? row.prediction : row.previous_prediction,
          previous_category: changed && !corrected ? row.category : row.previous_category,
          previous_model_version: changed && !corrected ? row.model_version : row.previous_model_version,
          confidence: d.confidence,
          priority: d.priority,
          model_version: d.modelVersion,
          keywords: JSON.stringify(d.keywords),
          language: d.language,
          pnr: d.pnr === null ? null : Number(d.pnr),
          train: d.train,
          coach: d.coach,
          berth: d.berth,
          classified_at: d.classifiedAt,
          classified_event_id: event.metadata.eventId,
        },
        event.metadata.occurredAt,
      );
    }
    case 'ResponseGiven': {
      const d = event.data;
      if (row.response_event_id === event.metadata.eventId) return row;
      if (row.responded_at !== null && d.respondedAt < row.responded_at) return row;
      return withStatus(
        {
          ...row,
          ...stepTo(row, 'responded', d.respondedAt),
          response_status: 1,
          response: d.response,
          responded_at: d.respondedAt,
          responded_by: d.respondedBy,
          response_event_id: event.metadata.eventId,
          delivery_status: null,
          delivery_error: null,
          delivered_at: null,
        },
        event.metadata.occurredAt,
      );
    }
    case 'ComplaintRelabeled': {
      const d = event.data;
      if (row.relabeled_at !== null && d.relabeledAt <= row.relabeled_at) return row;
      return withStatus(
        { ...row, prediction: d.prediction, category: d.category, relabeled_by: d.relabeledBy, relabeled_at: d.relabeledAt, review: 0 },
        event.metadata.occurredAt,
      );
    }
    case 'ResponseDelivered': {
      // Only the outcome of the response the row shows counts; older responses' outcomes are history.
      if (event.data.responseId !== row.response_event_id || row.delivery_status !== null) return row;
      return withStatus(
        { ...row, delivery_status: 'delivered', delivery_error: null, delivered_at: event.data.deliveredAt },
        event.metadata.occurredAt,
      );
    }
    case 'ResponseDeliveryFailed': {
      if (event.data.responseId !== row.response_event_id || row.delivery_status !== null) return row;
      return withStatus({ ...row, delivery_status: 'failed', delivery_error: event.data.reason }, event.metadata.occurredAt);
    }
    case 'ComplaintAcknowledged': {
      const d = event.data;
      if (!newer(d.acknowledgedAt, row.acknowledged_at)) return row;
      return withStatus(
        { ...row, ...stepTo(row, 'acknowledged', d.acknowledgedAt), acknowledged_at: d.acknowledgedAt, acknowledged_by: d.acknowledgedBy },
        event.metadata.occurredAt,
      );
    }
    case 'ComplaintAssigned': {
      const d = event.data;
      if (!newer(d.assignedAt, row.assigned_at)) return row;
      return withStatus(
        { ...row, ...stepTo(row, 'in_progress', d.assignedAt), assigned_to: d.assignee, assigned_at: d.assignedAt, assigned_by: d.assignedBy },
        event.metadata.occurredAt,
      );
    }
    case 'ComplaintNoteAdded': {
      // Notes of one complaint come in the order they were added (one partition of tweet_responses), each later than
      // the one before: a note not newer than the latest was counted already.
      const d = event.data;
      if (!newer(d.addedAt, row.last_note_at)) return row;
      return withStatus(
        { ...row, notes_count: row.notes_count + 1, last_note: d.text, last_note_by: d.addedBy, last_note_at: d.addedAt },
        event.metadata.occurredAt,
      );
    }
    case 'ComplaintResolved': {
      const d = event.data;
      if (!newer(d.resolvedAt, row.resolved_at)) return row;
      return withStatus(
        { ...row, ...stepTo(row, 'resolved', d.resolvedAt), resolved_at: d.resolvedAt, resolved_by: d.resolvedBy },
        event.metadata.occurredAt,
      );
    }
    case 'ComplaintReopened': {
      const d = event.data;
      if (!newer(d.reopenedAt, row.reopened_at)) return row;
      return withStatus(
        { ...row, ...stepTo(row, 'reopened', d.reopenedAt), reopened_at: d.reopenedAt, reopened_by: d.reopenedBy },
        event.metadata.occurredAt,
      );
    }
    default: {
      const unknown: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unknown)}`);
    }
  }
};
