import type { ComplaintEvent } from '../../../src/events/complaint';
import { statsDelta, statsOfRow } from '../../../src/projections/stats';
import { evolveTweet, type TweetRow } from '../../../src/projections/tweet-row';
import {
  aComplaintAcknowledged,
  aComplaintAssigned,
  aComplaintClassified,
  aComplaintNoteAdded,
  aComplaintReceived,
  aComplaintReopened,
  aComplaintResolved,
  aResponseGiven,
} from '../../support/fixtures';

const project = (events: ComplaintEvent[]): TweetRow | null =>
  events.reduce<TweetRow | null>((row, event) => evolveTweet(row, event), null);

const permutations = <T>(items: T[]): T[][] =>
  items.length <= 1 ? [items] : items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));

describe('tweets projection: evolve', () => {
  const received = aComplaintReceived({ text: 'Fire in coach S7 of 12951', source: 'telegram' });
  const id = received.data.complaintId;
  const classified = aComplaintClassified(id, { prediction: 1, category: 'safety_incident', priority: 1 });
  const responded = aResponseGiven(id, { response: 'Fire brigade alerted' });

  it('projects a received complaint with the original columns', () => {
    const row = project([received])!;
    expect(row).toMatchObject({
      tweet_id: id,
      tweet: 'Fire in coach S7 of 12951',
      username: 'passenger_1',
      chat_id: 6491883832,
      user_id: 6491883832,
      source: 'Telegram',
      time: received.data.receivedAt,
      prediction: null,
      response_status: 0,
      status: 'new',
    });
  });

  it('adds the classification: prediction, category, PNR', () => {
    const row = project([received, classified])!;
    expect(row).toMatchObject({ prediction: 1, category: 'safety_incident', pnr: 4512791357, train: '12951', status: 'new' });
  });

  it('marks a response', () => {
    const row = project([received, classified, responded])!;
    expect(row).toMatchObject({ response_status: 1, response: 'Fire brigade alerted', responded_by: 'admin', status: 'responded' });
  });

  it('gives the same row for every order of the events', () => {
    const expected = project([received, classified, responded]);
    for (const order of permutations([received, classified, responded])) {
      expect(project(order)).toEqual(expected);
    }
  });

  it('changes nothing when an event is applied twice', () => {
    const row = project([received, classified, responded])!;
    for (const event of [received, classified, responded]) expect(evolveTweet(row, event)).toBe(row);
  });

  it('never changes the row it is given: each event makes a new one', () => {
    const row = project([received])!;
    const before = structuredClone(row);
    const next = evolveTweet(Object.freeze(row), classified);
    expect(row).toEqual(before);
    expect(next).not.toBe(row);
    expect(next.classified_event_id).toBe(classified.metadata.eventId);
  });

  it('keeps the newest classification when an older one arrives late', () => {
    const newer = aComplaintClassified(id, { modelVersion: 'lr-2', prediction: 0, classifiedAt: '2026-11-21T00:00:00.000Z' });
    const row = project([received, newer, classified])!;
    expect(row.model_version).toBe('lr-2');
    expect(row.prediction).toBe(0);
  });

  it('an incomplete row (no ComplaintReceived yet) counts in no stats', () => {
    expect(statsOfRow(project([classified]))).toEqual({ total: 0, emergency: 0, feedback: 0, responded: 0, pending: 0, review: 0 });
  });

  it('stats deltas follow the row through its life', () => {
    const r1 = project([received])!;
    const r2 = evolveTweet(r1, classified);
    const r3 = evolveTweet(r2, responded);
    expect(statsDelta(null, r1)).toEqual({ total: 1, emergency: 0, feedback: 0, responded: 0, pending: 1, review: 0 });
    expect(statsDelta(r1, r2)).toEqual({ total: 0, emergency: 1, feedback: 0, responded: 0, pending: 0, review: 0 });
    expect(statsDelta(r2, r3)).toEqual({ total: 0, emergency: 0, feedback: 0, responded: 1, pending: -1, review: 0 });
  });
});

describe('tweets projection: the review lane', () => {
  const relabel = (complaintId: string, prediction: 0 | 1, relabeledAt: string) => ({
    type: 'ComplaintRelabeled' as const,
    data: { complaintId, prediction, category: prediction ? 'medical' : 'catering', relabeledBy: 'asha', relabeledAt },
    metadata: { eventId: `r-${relabeledAt}`, occurredAt: relabeledAt, correlationId: complaintId, causationId: null },
  });

  it('flags Feedback the model sent for review, and counts it in the review stat', () => {
    const received = aComplaintReceived();
    const row = project([received, aComplaintClassified(received.data.complaintId, { prediction: 0, review: true })])!;
    expect(row.review).toBe(1);
    expect(statsOfRow(row)).toMatchObject({ feedback: 1, review: 1 });
  });

  it('a classification without the flag (written before the lane existed) is routine', () => {
    const received = aComplaintReceived();
    const row = project([received, aComplaintClassified(received.data.complaintId, { prediction: 0 })])!;
    expect(row.review).toBe(0);
    expect(statsOfRow(row).review).toBe(0);
  });

  it("an admin's decision clears the review, either way, and a later model cannot put it back", () => {
    for (const decision of [0, 1] as const) {
      const received = aComplaintReceived();
      const id = received.data.complaintId;
      const flagged = aComplaintClassified(id, { prediction: 0, review: true, classifiedAt: '2026-11-20T10:00:01.000Z' });
      const decided = relabel(id, decision, '2026-11-20T10:03:00.000Z');
      const reclassified = aComplaintClassified(id, { prediction: 0, review: true, modelVersion: 'linear-next', classifiedAt: '2026-11-21T00:00:00.000Z' });
      const before = project([received, flagged])!;
      const after = evolveTweet(before, decided);
      expect(after).toMatchObject({ review: 0, prediction: decision });
      expect(statsDelta(before, after).review).toBe(-1);
      for (const order of permutations([received, flagged, decided, reclassified])) {
        expect(project(order)).toMatchObject({ review: 0, prediction: decision });
      }
    }
  });

  it('a newer model that no longer doubts a complaint takes it out of the lane', () => {
    const received = aComplaintReceived();
    const id = received.data.complaintId;
    const flagged = aComplaintClassified(id, { prediction: 0, review: true });
    const newer = aComplaintClassified(id, { prediction: 0, review: false, modelVersion: 'linear-next', classifiedAt: '2026-11-21T00:00:00.000Z' });
    for (const order of permutations([received, flagged, newer])) expect(project(order)!.review).toBe(0);
  });
});

describe('tweets projection: passenger and delivery events', () => {
  const at = (s: string) => `2026-11-20T10:${s}.000Z`;
  const meta = (id: string, occurredAt: string) => ({ eventId: id, occurredAt, correlationId: 'c', causationId: null });

  it('an amendment replaces the text shown, whichever arrives first', () => {
    const received = aComplaintReceived({ text: 'fan broken' });
    const id = received.data.complaintId;
    const amended = {
      type: 'ComplaintAmended' as const,
      data: { complaintId: id, text: 'fan broken and sparking', amendedAt: at('02:00') },
      metadata: meta('a1', at('02:00')),
    };
    expect(project([received, amended])!.tweet).toBe('fan broken and sparking');
    expect(project([amended, received])!.tweet).toBe('fan broken and sparking');
    expect(project([received, amended])!.amended_at).toBe(at('02:00'));
  });

  it('a shared location fills latitude and longitude; the latest wins', () => {
    const received = aComplaintReceived();
    const id = received.data.complaintId;
    const located = (lat: number, when: string) => ({
      type: 'ComplaintLocated' as const,
      data: { complaintId: id, latitude: lat, longitude: 77.2, locatedAt: at(when) },
      metadata: meta(`l${when}`, at(when)),
    });
    const row = project([received, located(28.6, '05:00'), located(10, '01:00')])!;
    expect(row).toMatchObject({ latitude: 28.6, longitude: 77.2 });
  });

  it('records whether the shown response was delivered, and ignores outcomes of older responses', () => {
    const received = aComplaintReceived();
    const id = received.data.complaintId;
    const first = aResponseGiven(id, { respondedAt: at('05:00') });
    const second = aResponseGiven(id, { respondedAt: at('06:00') });
    const failedFirst = {
      type: 'ResponseDeliveryFailed' as const,
      data: { complaintId: id, responseId: first.data.responseId, chatId: 1, reason: 'Forbidden: bot was blocked by the user', errorCode: 403, failedAt: at('05:01') },
      metadata: meta('f1', at('05:01')),
    };
    const deliveredSecond = {
      type: 'ResponseDelivered' as const,
      data: { complaintId: id, responseId: second.data.responseId, chatId: 1, messageId: 99, deliveredAt: at('06:01') },
      metadata: meta('d2', at('06:01')),
    };
    expect(project([received, first, failedFirst])).toMatchObject({ delivery_status: 'failed', delivery_error: 'Forbidden: bot was blocked by the user' });
    expect(project([received, first, failedFirst, second])).toMatchObject({ delivery_status: null });
    expect(project([received, first, failedFirst, second, deliveredSecond])).toMatchObject({ delivery_status: 'delivered', delivered_at: at('06:01') });
    expect(project([received, first, second, failedFirst])).toMatchObject({ delivery_status: null });
  });
});

describe('tweets projection: the admins\' workflow', () => {
  const received = aComplaintReceived();
  const id = received.data.complaintId;
  const flow = [
    aComplaintAssigned(id, 'asha', '2026-11-20T10:01:00.000Z', 'ravi'),
    aComplaintNoteAdded(id, 'Called the TTE of coach B3', '2026-11-20T10:02:00.000Z', 'asha'),
    aResponseGiven(id, { respondedAt: '2026-11-20T10:03:00.000Z', respondedBy: 'asha' }),
    aComplaintResolved(id, '2026-11-20T10:04:00.000Z', 'asha'),
    aComplaintReopened(id, '2026-11-20T10:05:00.000Z', 'ravi'),
    aComplaintNoteAdded(id, 'Passenger says the AC stopped again', '2026-11-20T10:06:00.000Z', 'ravi'),
  ];

  it('follows assign, note, respond, resolve, reopen: status, assignee, times, notes count and the latest note', () => {
    const row = project([received, ...flow])!;
    expect(row).toMatchObject({
      status: 'reopened',
      assigned_to: 'asha',
      assigned_by: 'ravi',
      assigned_at: '2026-11-20T10:01:00.000Z',
      response_status: 1,
      responded_by: 'asha',
      resolved_at: '2026-11-20T10:04:00.000Z',
      resolved_by: 'asha',
      reopened_at: '2026-11-20T10:05:00.000Z',
      notes_count: 2,
      last_note: 'Passenger says the AC stopped again',
      last_note_by: 'ravi',
    });
  });

  it.each([
    ['acknowledged', [aComplaintAcknowledged(id)]],
    ['in_progress', [aComplaintAssigned(id)]],
    ['responded', [aResponseGiven(id)]],
    ['resolved', [aComplaintResolved(id)]],
  ])('shows %s after that step, and new before any', (status, steps) => {
    expect(project([received])!.status).toBe('new');
    expect(project([received, ...(steps as ComplaintEvent[])])!.status).toBe(status);
  });

  it('keeps a response\'s original columns through the workflow', () => {
    const row = project([received, ...flow])!;
    expect(row).toMatchObject({ response_status: 1, response: 'Staff are on their way.' });
  });

  it('is incomplete until ComplaintReceived arrives, whatever steps came first, then shows the workflow status', () => {
    const early = project(flow)!;
    expect(early.status).toBe('incomplete');
    expect(evolveTweet(early, received).status).toBe('reopened');
  });

  it('changes nothing when any workflow event is applied twice (the note is counted once)', () => {
    const row = project([received, ...flow])!;
    for (const event of flow) expect(evolveTweet(row, event)).toBe(row);
    expect(project([received, ...flow, ...flow])).toEqual(row);
  });

  it('gives the same row whichever topic\'s events come first (received and classified against the workflow)', () => {
    const classified = aComplaintClassified(id);
    const expected = project([received, classified, ...flow]);
    expect(project([...flow, classified, received])).toEqual(expected);
    expect(project([classified, ...flow, received])).toEqual(expected);
    expect(project([received, ...flow, classified])).toEqual(expected);
  });

  it('a late older step leaves the newer status (latest by time wins)', () => {
    const row = project([received, aComplaintResolved(id, '2026-11-20T10:09:00.000Z'), aComplaintAcknowledged(id, '2026-11-20T10:01:00.000Z')])!;
    expect(row.status).toBe('resolved');
    expect(row.acknowledged_at).toBe('2026-11-20T10:01:00.000Z');
  });
});
