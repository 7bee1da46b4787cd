import { coPartitionedAssignment } from '../../../src/eventlog/co-partitioned-assigner';

describe('co-partitioned assignment', () => {
  const topics = { raw_tweets: [0, 1, 2, 3, 4, 5], tweet_classifications: [0, 1, 2, 3, 4, 5], tweet_responses: [0, 1, 2, 3, 4, 5] };

  it('gives partition n of every topic to the same member', () => {
    const assignment = coPartitionedAssignment(['m-b', 'm-c', 'm-a', 'm-d'], topics);
    const owner = new Map<number, string>();
    for (const [member, byTopic] of assignment) {
      for (const numbers of Object.values(byTopic)) {
        for (const n of numbers) {
          expect(owner.get(n) ?? member).toBe(member);
          owner.set(n, member);
        }
      }
    }
    expect([...owner.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('assigns every partition exactly once and spreads partition numbers over the members', () => {
    const assignment = coPartitionedAssignment(['m-2', 'm-1'], topics);
    expect(assignment.get('m-1')).toEqual({ raw_tweets: [0, 2, 4], tweet_classifications: [0, 2, 4], tweet_responses: [0, 2, 4] });
    expect(assignment.get('m-2')).toEqual({ raw_tweets: [1, 3, 5], tweet_classifications: [1, 3, 5], tweet_responses: [1, 3, 5] });
  });

  it('leaves members beyond the partition count idle', () => {
    const assignment = coPartitionedAssignment(['a', 'b', 'c'], { raw_tweets: [0, 1] });
    expect(assignment.get('a')).toEqual({ raw_tweets: [0] });
    expect(assignment.get('b')).toEqual({ raw_tweets: [1] });
    expect(assignment.get('c')).toEqual({});
  });
});
