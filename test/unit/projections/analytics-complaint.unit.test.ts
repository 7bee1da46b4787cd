import { randomUUID } from 'node:crypto';
import type { ComplaintEvent, ComplaintRelabeled } from '../../../src/events/complaint';
import {
  addMove,
  contributionOf,
  emptyDeltas,
  evolveAnalyticsComplaint,
  hourOf,
  type AnalyticsComplaint,
  type BucketDeltas,
} from '../../../src/projections/analytics-complaint';
import {
  aComplaintAcknowledged,
  aComplaintAssigned,
  aComplaintClassified,
  aComplaintNoteAdded,
  aComplaintReceived,
  aComplaintResolved,
  aResponseGiven,
} from '../../support/fixtures';

const aComplaintRelabeled = (complaintId: string, data: Partial<ComplaintRelabeled['data']> = {}): ComplaintRelabeled => {
  const relabeledAt = data.relabeledAt ?? '2026-11-20T10:10:00.000Z';
  return {
    type: 'ComplaintRelabeled',
    data: { complaintId, prediction: 1, category: 'security', relabeledBy: 'ravi', relabeledAt, ...data },
    metadata: { eventId: randomUUID(), occurredAt: relabeledAt, correlationId: complaintId, causationId: null },
  };
};

const project = (events: ComplaintEvent[]): AnalyticsComplaint | null =>
  events.reduce<AnalyticsComplaint | null>((row, event) => evolveAnalyticsComplaint(row, event), null);

/** The buckets as a projection would leave them: every event's move added up, one event per transaction. */
const bucketsAfter = (events: ComplaintEvent[]): BucketDeltas => {
  const deltas = emptyDeltas();
  let row: AnalyticsComplaint | null = null;
  for (const event of events) {
    const next = evolveAnalyticsComplaint(row, event);
    if (next !== row) addMove(deltas, row, next);
    row = next;
  }
  return deltas;
};

const asBuckets = (deltas: BucketDeltas) => ({
  hourly: [...deltas.hourly.values()].map((entry) => ({ ...entry.key, ...entry.counts })),
  trains: [...deltas.trains.values()].map((entry) => ({ ...entry.key, ...entry.counts })),
});

const permutations = <T>(items: T[]): T[][] =>
  items.length <= 1 ? [items] : items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));

describe('analytics projection: one complaint\'s row and its buckets', () => {
  const received = aComplaintReceived({ receivedAt: '2026-11-20T10:20:00.000Z', source: 'web' });
  const id = received.data.complaintId;
  const classified = aComplaintClassified(id, { prediction: 0, category: 'cleanliness', review: true, language: 'hi', train: '12951', classifiedAt: '2026-11-20T10:20:01.000Z' });
  const reclassified = aComplaintClassified(id, { prediction: 1, category: 'medical', language: 'hi', train: '12952', classifiedAt: '2026-11-20T11:00:00.000Z', modelVersion: 'linear-10' });
  const assigned = aComplaintAssigned(id, 'asha', '2026-11-20T10:24:00.000Z');
  const acknowledged = aComplaintAcknowledged(id, '2026-11-20T10:23:30.000Z');
  const responded = aResponseGiven(id, { respondedAt: '2026-11-20T10:30:00.000Z' });
  const note = aComplaintNoteAdded(id, 'called the TTE', '2026-11-20T10:21:00.000Z');

  it('counts nothing until the complaint is received, and an unclassified complaint as unclassified', () => {
    expect(contributionOf(project([classified]))).toEqual({ hourly: null, train: null });
    expect(contributionOf(project([received])).hourly).toEqual({
      key: { hour: '2026-11-20T10:00:00.000Z', category: 'unclassified', triage: 'unclassified', source: 'web', language: 'unknown' },
      counts: { complaints: 1, emergencies: 0, review: 0, first_responses: 0, first_response_seconds: 0 },
    });
  });

  it('counts a flagged Feedback as review, by its category, source, language and train', () => {
    const contribution = contributionOf(project([received, classified]));
    expect(contribution.hourly).toEqual({
      key: { hour: '2026-11-20T10:00:00.000Z', category: 'cleanliness', triage: 'review', source: 'web', language: 'hi' },
      counts: { complaints: 1, emergencies: 0, review: 1, first_responses: 0, first_response_seconds: 0 },
    });
    expect(contribution.train).toEqual({ key: { hour: '2026-11-20T10:00:00.000Z', train: '12951' }, counts: { complaints: 1, emergencies: 0 } });
  });

  it('takes the first response as the earliest acknowledgement, assignment or response (a note is none)', () => {
    const row = project([received, classified, note, responded, assigned, acknowledged])!;
    expect(row.first_response_at).toBe('2026-11-20T10:23:30.000Z');
    expect(contributionOf(row).hourly?.counts).toMatchObject({ first_responses: 1, first_response_seconds: 210 });
    expect(contributionOf(project([received, note]))!.hourly?.counts.first_responses).toBe(0);
  });

  it('counts a resolution without an earlier step as the first response, as the first-response targets do', () => {
    const resolved = aComplaintResolved(id, '2026-11-20T10:30:00.000Z');
    expect(project([received, classified, resolved])!.first_response_at).toBe('2026-11-20T10:30:00.000Z');
    expect(project([resolved, acknowledged, received, classified])!.first_response_at).toBe(project([received, acknowledged])!.first_response_at);
  });

  it('lets the newest classification win, and an admin\'s relabel win over every classification', () => {
    expect(contributionOf(project([received, reclassified, classified])).hourly?.key).toMatchObject({ category: 'medical', triage: 'emergency' });
    const relabeled = aComplaintRelabeled(id, { prediction: 0, category: 'water' });
    const later = aComplaintClassified(id, { prediction: 1, category: 'security', classifiedAt: '2026-11-21T00:00:00.000Z' });
    expect(contributionOf(project([received, classified, relabeled, later])).hourly).toMatchObject({
      key: { category: 'water', triage: 'routine' },
      counts: { emergencies: 0, review: 0 },
    });
  });

  it('gives the same row and the same buckets for every order of the events', () => {
    const events = [received, classified, reclassified, acknowledged, responded, aComplaintRelabeled(id)];
    const expectedRow = project(events);
    const expected = asBuckets(bucketsAfter(events));
    expect(expected.hourly).toEqual([
      {
        hour: '2026-11-20T10:00:00.000Z', category: 'security', triage: 'emergency', source: 'web', language: 'hi',
        complaints: 1, emergencies: 1, review: 0, first_responses: 1, first_response_seconds: 210,
      },
    ]);
    expect(expected.trains).toEqual([{ hour: '2026-11-20T10:00:00.000Z', train: '12952', complaints: 1, emergencies: 1 }]);
    for (const order of permutations(events)) {
      expect(project(order)).toEqual(expectedRow);
      expect(asBuckets(bucketsAfter(order))).toEqual(expected);
    }
  });

  it('changes nothing when events are applied twice (the same object comes back)', () => {
    const events = [received, classified, reclassified, acknowledged, responded];
    const row = project(events)!;
    for (const event of events) expect(evolveAnalyticsComplaint(row, event)).toBe(row);
    expect(asBuckets(bucketsAfter([...events, ...events]))).toEqual(asBuckets(bucketsAfter(events)));
  });

  it('moves a reclassified complaint between buckets instead of counting it twice', () => {
    const deltas = bucketsAfter([received, classified, reclassified]);
    const buckets = asBuckets(deltas);
    expect(buckets.hourly).toHaveLength(1);
    expect(buckets.hourly[0]).toMatchObject({ category: 'medical', triage: 'emergency', complaints: 1, emergencies: 1, review: 0 });
    expect(buckets.trains).toEqual([{ hour: '2026-11-20T10:00:00.000Z', train: '12952', complaints: 1, emergencies: 1 }]);
  });

  it('puts a time in the UTC hour it falls in', () => {
    expect(hourOf('2026-11-20T23:59:59.999Z')).toBe('2026-11-20T23:00:00.000Z');
    expect(hourOf('2026-11-21T05:10:00+05:30')).toBe('2026-11-20T23:00:00.000Z');
  });
});
