import { formatProjectionStatuses, topicPosition } from '../../../src/projections/status';

describe('projections list', () => {
  it('sums checkpoints and ends per topic; the lag counts only what each partition lacks', () => {
    const ends = new Map([
      [0, 10],
      [1, 20],
      [2, 0],
    ]);
    const checkpoints = new Map([
      [0, 10],
      [1, 15],
    ]);
    expect(topicPosition('raw_tweets', ends, checkpoints)).toEqual({ topic: 'raw_tweets', checkpoint: 25, end: 30, lag: 5 });
  });

  it('prints each projection, its version and generation, and a line per topic', () => {
    const text = formatProjectionStatuses([
      {
        name: 'tweets',
        version: 1,
        generation: { name: 'tweets', version: 1, generation: 2, rebuiltAt: '2026-12-04T22:00:00.000Z' },
        topics: [{ topic: 'raw_tweets', checkpoint: 25, end: 30, lag: 5 }],
      },
      { name: 'complaint_history', version: 2, generation: { name: 'complaint_history', version: 1, generation: 1, rebuiltAt: null }, topics: [] },
      { name: 'analytics', version: 1, generation: { name: 'analytics', version: 1, generation: 1, rebuiltAt: null }, topics: [], deadLetters: 3 },
      { name: 'trends', version: 1, generation: { name: 'trends', version: 1, generation: 1, rebuiltAt: null }, topics: [], deadLetters: 4, unpublishedDeadLetters: 1 },
    ]);
    expect(text.split('\n')).toEqual([
      'tweets  version 1  generation 2 (rebuilt 2026-12-04T22:00:00.000Z)',
      '  raw_tweets  checkpoint        25  end        30  lag         5',
      'complaint_history  version 2  generation 1  built by version 1: rebuild it',
      'analytics  version 1  generation 1  3 dead-lettered (projection_dead_letters)',
      'trends  version 1  generation 1  4 dead-lettered (projection_dead_letters, 1 not yet on .dlq)',
    ]);
  });
});
