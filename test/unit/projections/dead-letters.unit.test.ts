import { defaultTopics } from '../../../src/events/topics';
import { complaintHistoryProjection } from '../../../src/projections/complaint-history';
import { rejectionOf } from '../../../src/projections/dead-letters';
import type { AnyProjection } from '../../../src/projections/projection';
import { aComplaintClassified, aComplaintReceived, aResponseGiven } from '../../support/fixtures';

const topics = defaultTopics();

describe('rejectionOf', () => {
  it('takes every event type on its own topic', () => {
    const received = aComplaintReceived();
    const id = received.data.complaintId;
    expect(rejectionOf(complaintHistoryProjection, topics, topics.raw, received)).toBeNull();
    expect(rejectionOf(complaintHistoryProjection, topics, topics.classified, aComplaintClassified(id))).toBeNull();
    expect(rejectionOf(complaintHistoryProjection, topics, topics.responses, aResponseGiven(id))).toBeNull();
  });

  it('refuses an event on a topic its type does not belong on', () => {
    const classified = aComplaintClassified(aComplaintReceived().data.complaintId);
    expect(rejectionOf(complaintHistoryProjection, topics, topics.raw, classified)).toEqual({
      code: 'unexpected_type',
      reason: 'ComplaintClassified does not belong on raw_tweets',
    });
  });

  it("refuses what the projection's own check refuses, with its reason", () => {
    const picky: AnyProjection = { ...complaintHistoryProjection, rejects: (event) => (event.data.complaintId === 'bad' ? 'not this one' : null) };
    expect(rejectionOf(picky, topics, topics.raw, aComplaintReceived({ complaintId: 'bad' }))).toEqual({ code: 'rejected', reason: 'not this one' });
    expect(rejectionOf(picky, topics, topics.raw, aComplaintReceived())).toBeNull();
  });
});
