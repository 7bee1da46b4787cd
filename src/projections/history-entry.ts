import { COMPLAINT_EVENT_TYPES, triageOf, type ComplaintEvent, type ComplaintEventType } from '../events/complaint';

/** A value of what an event changed: small and flat, so the dashboard shows it as it is. */
export type ChangeValue = string | number | boolean | null;

/** One event of a complaint as its history shows it. */
export interface HistoryEntry {
  eventId: string;
  complaintId: string;
  type: ComplaintEventType;
  /** the event's own time (its `...At`) */
  at: string;
  /** the admin's username, or `passenger`, `classifier`, `bot` */
  by: string;
  changes: Record<string, ChangeValue>;
}

/** One format for every time, so that times sort as text: `2026-11-20T10:00:00.000Z`. */
const normalTime = (at: string): string => {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? at : new Date(ms).toISOString();
};

/**
 * The longest text a history entry keeps, in characters: twice the longest complaint the intake takes, so every
 * complaint and note the product accepts is kept whole, while a huge text from an older producer stays storable (a
 * MySQL TEXT column holds 65,535 bytes). A cut text ends with "…" and `<key>_length` gives its whole length.
 */
export const HISTORY_TEXT_LIMIT = 8000;

const bounded = (changes: Record<string, ChangeValue>): Record<string, ChangeValue> => {
  const out: Record<string, ChangeValue> = {};
  for (const [key, value] of Object.entries(changes)) {
    const chars = typeof value === 'string' && value.length > HISTORY_TEXT_LIMIT ? Array.from(value) : null;
    if (chars && chars.length > HISTORY_TEXT_LIMIT) {
      out[key] = `${chars.slice(0, HISTORY_TEXT_LIMIT).join('')}…`;
      out[`${key}_length`] = chars.length;
    } else out[key] = value;
  }
  return out;
};

const entry = (event: ComplaintEvent, at: string, by: string, changes: Record<string, ChangeValue>): HistoryEntry => ({
  eventId: event.metadata.eventId,
  complaintId: event.data.complaintId,
  type: event.type,
  at: normalTime(at),
  by,
  changes: bounded(changes),
});

/** What an event says happened to its complaint: computed from the event alone, so a replay gives the same entry. */
export const historyEntryOf = (event: ComplaintEvent): HistoryEntry => {
  switch (event.type) {
    case 'ComplaintReceived': {
      const d = event.data;
      return entry(event, d.receivedAt, 'passenger', { reference: d.reference, source: d.source, text: d.text, status: 'new' });
    }
    case 'ComplaintAmended':
      return entry(event, event.data.amendedAt, 'passenger', { text: event.data.text });
    case 'ComplaintLocated':
      return entry(event, event.data.locatedAt, 'passenger', { latitude: event.data.latitude, longitude: event.data.longitude });
    case 'ComplaintClassified': {
      const d = event.data;
      return entry(event, d.classifiedAt, 'classifier', {
        prediction: d.prediction,
        category: d.category,
        priority: d.priority,
        confidence: d.confidence,
        triage: triageOf(d.prediction, d.review),
        model_version: d.modelVersion,
      });
    }
    case 'ResponseGiven':
      return entry(event, event.data.respondedAt, event.data.respondedBy, { response: event.data.response, status: 'responded' });
    case 'ResponseDelivered':
      return entry(event, event.data.deliveredAt, 'bot', { delivery_status: 'delivered' });
    case 'ResponseDeliveryFailed':
      return entry(event, event.data.failedAt, 'bot', { delivery_status: 'failed', reason: event.data.reason, error_code: event.data.errorCode });
    case 'ComplaintRelabeled':
      return entry(event, event.data.relabeledAt, event.data.relabeledBy, {
        prediction: event.data.prediction,
        category: event.data.category,
        triage: triageOf(event.data.prediction, false),
      });
    case 'ComplaintAcknowledged':
      return entry(event, event.data.acknowledgedAt, event.data.acknowledgedBy, { status: 'acknowledged' });
    case 'ComplaintAssigned':
      return entry(event, event.data.assignedAt, event.data.assignedBy, { assigned_to: event.data.assignee, status: 'in_progress' });
    case 'ComplaintNoteAdded':
      return entry(event, event.data.addedAt, event.data.addedBy, { note: event.data.text });
    case 'ComplaintResolved':
      return entry(event, event.data.resolvedAt, event.data.resolvedBy, { status: 'resolved' });
    case 'ComplaintReopened':
      return entry(event, event.data.reopenedAt, event.data.reopenedBy, { status: 'reopened' });
    default: {
      const unknown: never = event;
      throw new Error(`no history entry for ${JSON.stringify(unknown)}`);
    }
  }
};

const RANK = new Map<string, number>(COMPLAINT_EVENT_TYPES.map((type, i) => [type, i]));

/**
 * A complaint's entries in the order they happened: by time; events of one instant in the order of a complaint's
 * life (received before classified before a response ...), then by event id, so every replay lists them alike.
 */
export const orderHistory = <T extends Pick<HistoryEntry, 'at' | 'type' | 'eventId'>>(entries: readonly T[]): T[] =>
  [...entries].sort(
    (a, b) =>
      (a.at < b.at ? -1 : a.at > b.at ? 1 : 0) ||
      (RANK.get(a.type) ?? 99) - (RANK.get(b.type) ?? 99) ||
      (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
  );
