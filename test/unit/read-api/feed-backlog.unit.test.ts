import type { Positions } from '../../../src/eventlog/event-log';
import { FeedBacklog, type WaitingBatch } from '../../../src/read-api/feed-backlog';

const batch = (topic: string, partition: number, next: number, complaintIds: string[], since = 0): WaitingBatch => ({ topic, partition, next, complaintIds, since });
const at = (entries: [string, [number, number][]][]): Map<string, Positions> => new Map(entries.map(([topic, positions]) => [topic, new Map(positions)]));

describe('FeedBacklog: batches wait for the projection\'s checkpoint', () => {
  it('releases the batches a checkpoint passed and keeps the rest, whatever partition waits', () => {
    const backlog = new FeedBacklog(60_000);
    backlog.add(batch('raw', 0, 10, ['a']));
    backlog.add(batch('raw', 1, 5, ['b']));
    backlog.add(batch('raw', 1, 8, ['c']));
    backlog.add(batch('classified', 1, 3, ['b']));

    // partition 0 of raw is behind; partition 1 passed its first batch; classified passed
    const released = backlog.release(at([['raw', [[0, 9], [1, 5]]], ['classified', [[1, 3]]]]), 1000);

    expect(released.complaintIds.sort()).toEqual(['b']);
    expect(released.passed.map((b) => `${b.topic}/${b.partition}@${b.next}`).sort()).toEqual(['classified/1@3', 'raw/1@5']);
    expect(released.gaveUp).toEqual([]);
    expect(backlog.size).toBe(2);

    const rest = backlog.release(at([['raw', [[0, 10], [1, 8]]]]), 2000);
    expect(rest.complaintIds.sort()).toEqual(['a', 'c']);
    expect(backlog.size).toBe(0);
  });

  it('releases nothing for a partition without a checkpoint', () => {
    const backlog = new FeedBacklog(60_000);
    backlog.add(batch('raw', 0, 1, ['a']));
    expect(backlog.release(new Map(), 0).complaintIds).toEqual([]);
    expect(backlog.size).toBe(1);
  });

  it('keeps a partition\'s order: a later batch waits behind an earlier one', () => {
    const backlog = new FeedBacklog(60_000);
    backlog.add(batch('raw', 0, 4, ['a']));
    backlog.add(batch('raw', 0, 9, ['b']));
    expect(backlog.release(at([['raw', [[0, 5]]]]), 0).complaintIds).toEqual(['a']);
    expect(backlog.release(at([['raw', [[0, 8]]]]), 0).complaintIds).toEqual([]);
    expect(backlog.release(at([['raw', [[0, 9]]]]), 0).complaintIds).toEqual(['b']);
  });

  it('announces a batch that waited longer than the limit anyway, apart from those passed', () => {
    const backlog = new FeedBacklog(1000);
    backlog.add(batch('raw', 0, 4, ['a'], 0));
    backlog.add(batch('raw', 0, 9, ['b'], 900));
    const released = backlog.release(at([['raw', [[0, 0]]]]), 1500);
    expect(released.gaveUp.map((b) => b.complaintIds[0])).toEqual(['a']);
    expect(released.complaintIds).toEqual(['a']);
    expect(backlog.size).toBe(1);
  });

  it('names a complaint once when several released batches carry it', () => {
    const backlog = new FeedBacklog(60_000);
    backlog.add(batch('raw', 2, 1, ['a', 'b']));
    backlog.add(batch('classified', 2, 1, ['a']));
    expect(backlog.release(at([['raw', [[2, 1]]], ['classified', [[2, 1]]]]), 0).complaintIds.sort()).toEqual(['a', 'b']);
  });
});
