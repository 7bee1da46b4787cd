import type { ComplaintEvent, ComplaintSource } from '../events/complaint';

/**
 * What the analytics projection keeps of one complaint: just enough to know which buckets it counts in. Each field is
 * kept so that applying the complaint's events in any order, or twice, gives the same row: the newest classification
 * and the newest relabel win by (time, event id), the first response is the earliest admin step, and the rest is set
 * once by ComplaintReceived.
 */
export interface AnalyticsComplaint {
  complaint_id: string;
  /** null until the ComplaintReceived arrives: until then the complaint counts nowhere */
  received_at: string | null;
  source: string | null;
  /** `classifiedAt|eventId` of the classification kept (the greatest wins) */
  classified_key: string | null;
  prediction: 0 | 1 | null;
  category: string | null;
  review: 0 | 1;
  language: string | null;
  train: string | null;
  /** `relabeledAt|eventId` of an admin's correction: it wins over every classification */
  relabeled_key: string | null;
  relabeled_prediction: 0 | 1 | null;
  relabeled_category: string | null;
  /** the first acknowledgement, assignment, response or resolution, whichever came first (as the first-response targets count it) */
  first_response_at: string | null;
}

export const ANALYTICS_COMPLAINT_COLUMNS: (keyof AnalyticsComplaint)[] = [
  'complaint_id', 'received_at', 'source', 'classified_key', 'prediction', 'category', 'review', 'language', 'train',
  'relabeled_key', 'relabeled_prediction', 'relabeled_category', 'first_response_at',
];

export const emptyAnalyticsComplaint = (complaintId: string): AnalyticsComplaint => ({
  complaint_id: complaintId,
  received_at: null,
  source: null,
  classified_key: null,
  prediction: null,
  category: null,
  review: 0,
  language: null,
  train: null,
  relabeled_key: null,
  relabeled_prediction: null,
  relabeled_category: null,
  first_response_at: null,
});

/** Legacy JSON complaints came through the Telegram bot. */
const SOURCES: Record<ComplaintSource, string> = { telegram: 'telegram', web: 'web', cli: 'cli', legacy: 'telegram' };

/** An instant as a canonical ISO string (UTC, milliseconds), so that strings compare as times do. */
const canonical = (at: string): string => new Date(at).toISOString();

const earlier = (at: string, seen: string | null): string => (seen === null || at < seen ? at : seen);

const firstResponse = (row: AnalyticsComplaint, at: string): AnalyticsComplaint => {
  const first = earlier(canonical(at), row.first_response_at);
  return first === row.first_response_at ? row : { ...row, first_response_at: first };
};

/**
 * evolve for one complaint's analytics row: pure, idempotent and order-independent (a commutative merge of the
 * events). Returns the same object when the event changes nothing.
 */
export const evolveAnalyticsComplaint = (current: AnalyticsComplaint | null, event: ComplaintEvent): AnalyticsComplaint => {
  const row = current ?? emptyAnalyticsComplaint(event.data.complaintId);
  switch (event.type) {
    case 'ComplaintReceived': {
      if (row.received_at !== null) return row;
      return { ...row, received_at: canonical(event.data.receivedAt), source: SOURCES[event.data.source] ?? event.data.source };
    }
    case 'ComplaintClassified': {
      const d = event.data;
      const key = `${canonical(d.classifiedAt)}|${event.metadata.eventId}`;
      if (row.classified_key !== null && key <= row.classified_key) return row;
      return {
        ...row,
        classified_key: key,
        prediction: d.prediction,
        category: d.category,
        review: d.prediction === 0 && d.review === true ? 1 : 0,
        language: d.language,
        train: d.train,
      };
    }
    case 'ComplaintRelabeled': {
      const d = event.data;
      const key = `${canonical(d.relabeledAt)}|${event.metadata.eventId}`;
      if (row.relabeled_key !== null && key <= row.relabeled_key) return row;
      return { ...row, relabeled_key: key, relabeled_prediction: d.prediction, relabeled_category: d.category };
    }
    case 'ComplaintAcknowledged':
      return firstResponse(row, event.data.acknowledgedAt);
    case 'ComplaintAssigned':
      return firstResponse(row, event.data.assignedAt);
    case 'ResponseGiven':
      return firstResponse(row, event.data.respondedAt);
    case 'ComplaintResolved':
      return firstResponse(row, event.data.resolvedAt);
    case 'ComplaintAmended':
    case 'ComplaintLocated':
    case 'ResponseDelivered':
    case 'ResponseDeliveryFailed':
    case 'ComplaintNoteAdded':
    case 'ComplaintReopened':
      return row;
    default: {
      const unknown: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unknown)}`);
    }
  }
};

/** `unclassified` until a classification (or an admin's label) arrives. */
export type AnalyticsTriage = 'emergency' | 'review' | 'routine' | 'unclassified';

/** The hour a time falls in, as the ISO string of its start (UTC). */
export const hourOf = (at: string): string => `${canonical(at).slice(0, 13)}:00:00.000Z`;

/** The key of one hourly bucket of the complaints table. */
export interface HourlyKey {
  hour: string;
  category: string;
  triage: AnalyticsTriage;
  source: string;
  language: string;
}

export interface HourlyCounts {
  complaints: number;
  emergencies: number;
  review: number;
  first_responses: number;
  /** the sum of the seconds from receipt to first response, of the complaints counted in first_responses */
  first_response_seconds: number;
}

export interface TrainKey {
  hour: string;
  train: string;
}

export interface TrainCounts {
  complaints: number;
  emergencies: number;
}

/** What one complaint adds to the bucket tables (none until it is received). */
export interface Contribution {
  hourly: { key: HourlyKey; counts: HourlyCounts } | null;
  train: { key: TrainKey; counts: TrainCounts } | null;
}

const triageOfRow = (row: AnalyticsComplaint): { triage: AnalyticsTriage; category: string } => {
  if (row.relabeled_key !== null) {
    // An admin's correction settles the review, whatever a model said before or after.
    return { triage: row.relabeled_prediction === 1 ? 'emergency' : 'routine', category: row.relabeled_category ?? 'other' };
  }
  if (row.classified_key === null) return { triage: 'unclassified', category: 'unclassified' };
  return { triage: row.prediction === 1 ? 'emergency' : row.review === 1 ? 'review' : 'routine', category: row.category ?? 'other' };
};

/** Whole seconds from receipt to first response (never negative: clocks of different processes may differ). */
const responseSeconds = (receivedAt: string, firstAt: string): number =>
  Math.max(0, Math.round((Date.parse(firstAt) - Date.parse(receivedAt)) / 1000));

/**
 * The complaint's place in the buckets: the hour it was received in, by its current category, triage, source and
 * language; its first-response time counts in that same bucket.
 */
export const contributionOf = (row: AnalyticsComplaint | null): Contribution => {
  if (row === null || row.received_at === null) return { hourly: null, train: null };
  const hour = hourOf(row.received_at);
  const { triage, category } = triageOfRow(row);
  const emergencies = triage === 'emergency' ? 1 : 0;
  const responded = row.first_response_at !== null;
  return {
    hourly: {
      key: { hour, category, triage, source: row.source ?? 'unknown', language: row.language ?? 'unknown' },
      counts: {
        complaints: 1,
        emergencies,
        review: triage === 'review' ? 1 : 0,
        first_responses: responded ? 1 : 0,
        first_response_seconds: row.first_response_at === null ? 0 : responseSeconds(row.received_at, row.first_response_at),
      },
    },
    train: row.train === null ? null : { key: { hour, train: row.train }, counts: { complaints: 1, emergencies } },
  };
};

export const hourlyKeyString = (key: HourlyKey): string => [key.hour, key.category, key.triage, key.source, key.language].join('\u0000');
export const trainKeyString = (key: TrainKey): string => `${key.hour}\u0000${key.train}`;

/** Changes to the bucket tables, by key; a zero change is left out. */
export interface BucketDeltas {
  hourly: Map<string, { key: HourlyKey; counts: HourlyCounts }>;
  trains: Map<string, { key: TrainKey; counts: TrainCounts }>;
}

export const emptyDeltas = (): BucketDeltas => ({ hourly: new Map(), trains: new Map() });

const addInto = <K, C extends object>(map: Map<string, { key: K; counts: C }>, id: string, key: K, counts: C, sign: 1 | -1): void => {
  const entry = map.get(id) ?? { key, counts: Object.fromEntries(Object.keys(counts).map((name) => [name, 0])) as C };
  const sum = entry.counts as Record<string, number>;
  for (const [name, value] of Object.entries(counts as Record<string, number>)) sum[name] += sign * value;
  if (Object.values(sum).every((value) => value === 0)) map.delete(id);
  else map.set(id, entry);
};

/** Adds the move of one complaint from `before` to `after` to `deltas` (what it leaves, then what it joins). */
export const addMove = (deltas: BucketDeltas, before: AnalyticsComplaint | null, after: AnalyticsComplaint): BucketDeltas => {
  const from = contributionOf(before);
  const to = contributionOf(after);
  if (from.hourly) addInto(deltas.hourly, hourlyKeyString(from.hourly.key), from.hourly.key, from.hourly.counts, -1);
  if (to.hourly) addInto(deltas.hourly, hourlyKeyString(to.hourly.key), to.hourly.key, to.hourly.counts, 1);
  if (from.train) addInto(deltas.trains, trainKeyString(from.train.key), from.train.key, from.train.counts, -1);
  if (to.train) addInto(deltas.trains, trainKeyString(to.train.key), to.train.key, to.train.counts, 1);
  return deltas;
};
