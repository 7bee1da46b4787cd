import type { ComplaintEvent } from '../../../src/events/complaint';
import { statsDelta, statsOfRow } from '../../../src/projections/stats';
import { evolveTweet, type TweetRow } from '../../../src/projections/tweet-row';
import { aComplaintClassified, aComplaintReceived, aResponseGiven } from '../../support/fixtures';

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
      status: 'received',
    });
  });

  it('adds the classification: prediction, category, PNR', () => {
    const row = project([received, classified])!;
    expect(row).toMatchObject({ prediction: 1, category: 'safety_incident', pnr: 4512791357, train: '12951', status: 'classified' });
  });

  it('marks a response', () => {
    const row = project([received, classified, responded])!;
    expect(row).toMatchObject({ response_status: 1, response: 'Fire brigade alerted', responded_by: 'admin', status: 'responded' });
  });

  it('gives the same row for every order of the events', () => {
    const expected = project([received, classified, responded]);
    for (const order of permutations([received, classified, responded])) {
      expect({ ...project(order)!, updated_at: null }).toEqual({ ...expected!, updated_at: null });
    }
  });

  it('changes nothing when an event is applied twice', () => {
    const row = project([received, classified, responded])!;
    for (const event of [received, classified, responded]) expect(evolveTweet(row, event)).toBe(row);
  });

  it('keeps the newest classification when an older one arrives late', () => {
    const newer = aComplaintClassified(id, { modelVersion: 'lr-2', prediction: 0, classifiedAt: '2026-11-21T00:00:00.000Z' });
    const row = project([received, newer, classified])!;
    expect(row.model_version).toBe('lr-2');
    expect(row.prediction).toBe(0);
  });

  it('an incomplete row (no ComplaintReceived yet) counts in no stats', () => {
    expect(statsOfRow(project([classified]))).toEqual({ total: 0, emergency: 0, feedback: 0, responded: 0, pending: 0 });
  });

  it('stats deltas follow the row through its life', () => {
    const r1 = project([received])!;
    const r2 = evolveTweet(r1, classified);
    const r3 = evolveTweet(r2, responded);
    expect(statsDelta(null, r1)).toEqual({ total: 1, emergency: 0, feedback: 0, responded: 0, pending: 1 });
    expect(statsDelta(r1, r2)).toEqual({ total: 0, emergency: 1, feedback: 0, responded: 0, pending: 0 });
    expect(statsDelta(r2, r3)).toEqual({ total: 0, emergency: 0, feedback: 0, responded: 1, pending: -1 });
  });
});
