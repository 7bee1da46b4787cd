import type { ComplaintEvent, ComplaintRelabeled } from '../../../src/events/complaint';
import {
  DEFAULT_RESPONSE_TARGETS,
  isBreached,
  parseCategoryTargets,
  percentile,
  targetMinutes,
  type ResponseTargets,
} from '../../../src/projections/first-response';
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

const project = (events: ComplaintEvent[], targets?: ResponseTargets): TweetRow | null =>
  events.reduce<TweetRow | null>((row, event) => evolveTweet(row, event, targets), null);

const permutations = <T>(items: T[]): T[][] =>
  items.length <= 1 ? [items] : items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));

const relabel = (complaintId: string, prediction: 0 | 1, category: string, relabeledAt: string): ComplaintRelabeled => ({
  type: 'ComplaintRelabeled',
  data: { complaintId, prediction, category, relabeledBy: 'asha', relabeledAt },
  metadata: { eventId: `relabel-${relabeledAt}`, occurredAt: relabeledAt, correlationId: complaintId, causationId: null },
});

const RECEIVED_AT = '2026-11-20T10:00:00.000Z';

describe('first-response targets', () => {
  test('a complaint is due its target after it was received: the stricter of its triage and its category', () => {
    expect(targetMinutes(DEFAULT_RESPONSE_TARGETS, { prediction: 1, review: 0, category: 'fire' })).toBe(8);
    expect(targetMinutes(DEFAULT_RESPONSE_TARGETS, { prediction: 0, review: 1, category: 'cleanliness' })).toBe(15);
    expect(targetMinutes(DEFAULT_RESPONSE_TARGETS, { prediction: 0, review: 0, category: 'cleanliness' })).toBe(37);
    expect(targetMinutes(DEFAULT_RESPONSE_TARGETS, { prediction: 0, review: 0, category: 'medical' })).toBe(8);
    // unclassified: it may be an emergency
    expect(targetMinutes(DEFAULT_RESPONSE_TARGETS, { prediction: null, review: 0, category: null })).toBe(8);
    const custom: ResponseTargets = { triage: { emergency: 5, review: 20, routine: 120 }, category: { catering: 60 } };
    expect(targetMinutes(custom, { prediction: 0, review: 0, category: 'catering' })).toBe(60);
    expect(targetMinutes(custom, { prediction: 1, review: 0, category: 'catering' })).toBe(5);
  });

  test('the row gets due_at from its received time, and a relabel moves it', () => {
    const received = aComplaintReceived({ receivedAt: RECEIVED_AT });
    const id = received.data.complaintId;
    const routine = project([received, aComplaintClassified(id, { prediction: 0, category: 'cleanliness' })])!;
    expect(routine).toMatchObject({ due_at: '2026-11-20T10:37:00.000Z', waiting_due_at: '2026-11-20T10:37:00.000Z', first_response_at: null });
    const relabeled = evolveTweet(routine, relabel(id, 1, 'medical', '2026-11-20T10:01:00.000Z'));
    expect(relabeled.due_at).toBe('2026-11-20T10:08:00.000Z');
    expect(project([received], { triage: { emergency: 3, review: 15, routine: 37 }, category: {} })!.due_at).toBe('2026-11-20T10:03:00.000Z');
  });

  test('first response: the first acknowledgement, assignment, response or resolution; a note is none', () => {
    const received = aComplaintReceived({ receivedAt: RECEIVED_AT });
    const id = received.data.complaintId;
    const noted = project([received, aComplaintNoteAdded(id, 'looking', '2026-11-20T10:01:00.000Z')])!;
    expect(noted.first_response_at).toBeNull();
    for (const step of [
      aComplaintAcknowledged(id, '2026-11-20T10:02:00.000Z'),
      aComplaintAssigned(id, 'asha', '2026-11-20T10:02:00.000Z'),
      aResponseGiven(id, { respondedAt: '2026-11-20T10:02:00.000Z' }),
      aComplaintResolved(id, '2026-11-20T10:02:00.000Z'),
    ]) {
      const row = evolveTweet(noted, step);
      expect(row).toMatchObject({ first_response_at: '2026-11-20T10:02:00.000Z', first_response_seconds: 120, waiting_due_at: null });
    }
  });

  test('every order of a complaint’s events gives the same row, and each applied twice changes nothing', () => {
    const received = aComplaintReceived({ receivedAt: RECEIVED_AT });
    const id = received.data.complaintId;
    const events: ComplaintEvent[] = [
      received,
      aComplaintClassified(id, { prediction: 1, category: 'medical' }),
      aComplaintAcknowledged(id, '2026-11-20T10:09:00.000Z'),
      aComplaintResolved(id, '2026-11-20T10:20:00.000Z'),
      aComplaintReopened(id, '2026-11-20T10:30:00.000Z'),
      aComplaintAcknowledged(id, '2026-11-20T10:40:00.000Z', 'ravi'),
    ];
    const expected = project(events)!;
    expect(expected).toMatchObject({
      first_response_at: '2026-11-20T10:09:00.000Z',
      first_response_seconds: 540,
      due_at: '2026-11-20T10:08:00.000Z',
      waiting_due_at: null,
    });
    expect(isBreached(expected, new Date('2026-11-20T10:05:00.000Z'))).toBe(true);
    for (const order of permutations(events)) {
      const row = project(order)!;
      expect(row).toEqual(expected);
      for (const event of order) expect(evolveTweet(row, event)).toBe(row);
    }
  });

  test('breached: answered after the due time, or not answered and past it', () => {
    const due = '2026-11-20T10:08:00.000Z';
    expect(isBreached({ due_at: due, first_response_at: '2026-11-20T10:07:59.000Z' }, new Date('2026-11-21T00:00:00.000Z'))).toBe(false);
    expect(isBreached({ due_at: due, first_response_at: '2026-11-20T10:08:01.000Z' }, new Date('2026-11-20T10:09:00.000Z'))).toBe(true);
    expect(isBreached({ due_at: due, first_response_at: null }, new Date('2026-11-20T10:07:00.000Z'))).toBe(false);
    expect(isBreached({ due_at: due, first_response_at: null }, new Date('2026-11-20T10:08:00.001Z'))).toBe(true);
    expect(isBreached({ due_at: null, first_response_at: null }, new Date())).toBe(false);
  });
});

describe('percentile (nearest rank)', () => {
  test('on known data', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 5)).toBe(15);
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 90)).toBe(50);
    expect(percentile(values, 100)).toBe(50);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 90)).toBe(90);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('FIRST_RESPONSE_TARGETS', () => {
  test('category=minutes pairs', () => {
    expect(parseCategoryTargets('medical=8, security = 10,cleanliness=60')).toEqual({ medical: 8, security: 10, cleanliness: 60 });
    expect(parseCategoryTargets('')).toEqual({});
  });

  test.each([
    ['medical', /not category=minutes/],
    ['medical=0', /a whole number from 1 to 10080/],
    ['medical=8.5', /not category=minutes/],
    ['medical=99999', /a whole number from 1 to 10080/],
    ['dragons=8', /"dragons" is not a category/],
    ['medical=8,medical=9', /given twice/],
  ])('%s is refused: %s', (text, message) => {
    expect(() => parseCategoryTargets(text)).toThrow(message);
  });
});
