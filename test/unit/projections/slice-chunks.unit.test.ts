import type { ProjectionDeadLetter } from '../../../src/projections/dead-letters';
import { chunkSlices, type SlicePart } from '../../../src/projections/slice-chunks';
import type { TweetSlice } from '../../../src/projections/tweets';
import { aComplaintReceived } from '../../support/fixtures';

/** A slice of `topic` partition 0 with an event at each offset (complaint id `topic-offset`). */
const aSlice = (topic: string, offsets: number[], range: { startOffset?: number; nextOffset: number }, deadLetterOffsets: number[] = []): TweetSlice => ({
  topic,
  partition: 0,
  ...range,
  events: offsets.map((offset) => ({ offset, event: aComplaintReceived({ complaintId: `${topic}-${offset}` }) })),
  ...(deadLetterOffsets.length > 0
    ? {
        deadLetters: deadLetterOffsets.map(
          (offset): ProjectionDeadLetter => ({ topic, partition: 0, offset, key: null, value: null, code: 'bad_magic', reason: 'not an event' }),
        ),
      }
    : {}),
});

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const size = (part: TweetSlice) => part.events.length + (part.deadLetters?.length ?? 0);
const partsOf = (transactions: SlicePart[][], slice: number): TweetSlice[] => transactions.flat().filter((p) => p.slice === slice).map((p) => p.part);

/** Every slice's parts, in transaction order, cover it exactly: contiguous offsets, every event once, in order. */
const expectCovered = (slices: TweetSlice[], transactions: SlicePart[][]) => {
  slices.forEach((slice, i) => {
    const parts = partsOf(transactions, i);
    expect(parts.length).toBeGreaterThan(0);
    expect(parts[0].startOffset).toBe(slice.startOffset);
    for (let k = 1; k < parts.length; k++) expect(parts[k].startOffset).toBe(parts[k - 1].nextOffset);
    expect(parts[parts.length - 1].nextOffset).toBe(slice.nextOffset);
    for (const part of parts) {
      expect(part.topic).toBe(slice.topic);
      expect(part.partition).toBe(slice.partition);
      for (const { offset } of [...part.events, ...(part.deadLetters ?? [])]) {
        expect(offset).toBeLessThan(part.nextOffset);
        if (part.startOffset !== undefined) expect(offset).toBeGreaterThanOrEqual(part.startOffset);
      }
    }
    expect(parts.flatMap((p) => p.events.map((e) => e.event.data.complaintId))).toEqual(slice.events.map((e) => e.event.data.complaintId));
    expect(parts.flatMap((p) => (p.deadLetters ?? []).map((d) => d.offset))).toEqual((slice.deadLetters ?? []).map((d) => d.offset));
  });
};

describe('chunkSlices', () => {
  it('keeps slices that fit in one transaction as they are', () => {
    const slices = [aSlice('raw', range(0, 5), { startOffset: 0, nextOffset: 5 }), aSlice('classified', range(10, 15), { startOffset: 10, nextOffset: 15 })];
    const transactions = chunkSlices(slices, 10);
    expect(transactions).toHaveLength(1);
    expect(transactions[0].map((p) => p.part)).toEqual(slices);
    expect(transactions[0][0].part).toBe(slices[0]);
  });

  it('cuts a long fetch into transactions of at most the cap, moving every slice on in proportion', () => {
    const slices = [
      aSlice('raw', range(100, 2100), { startOffset: 100, nextOffset: 2100 }),
      aSlice('classified', range(50, 1050), { startOffset: 50, nextOffset: 1050 }),
    ];
    const transactions = chunkSlices(slices, 300);
    expect(transactions).toHaveLength(10);
    for (const transaction of transactions) expect(transaction.reduce((sum, p) => sum + size(p.part), 0)).toBe(300);
    // two raw events to one classification in every transaction
    expect(transactions[0].map((p) => [p.part.topic, size(p.part)])).toEqual([
      ['raw', 200],
      ['classified', 100],
    ]);
    expectCovered(slices, transactions);
  });

  it('ends a part at the next part\'s first offset, so messages between events (left out, unusable) are covered once', () => {
    const slice = aSlice('raw', [3, 7, 8, 20, 21], { startOffset: 0, nextOffset: 30 });
    const parts = partsOf(chunkSlices([slice], 2), 0);
    expect(parts.map((p) => [p.startOffset, p.nextOffset, p.events.map((e) => e.offset)])).toEqual([
      [0, 8, [3, 7]],
      [8, 21, [8, 20]],
      [21, 30, [21]],
    ]);
  });

  it('counts dead letters and keeps each with the part that covers its offset', () => {
    const slice = aSlice('classified', [0, 1, 4, 5], { startOffset: 0, nextOffset: 6 }, [2, 3]);
    const transactions = chunkSlices([slice], 3);
    expect(transactions.map((t) => t.map((p) => [p.part.events.map((e) => e.offset), (p.part.deadLetters ?? []).map((d) => d.offset)]))).toEqual([
      [[[0, 1], [2]]],
      [[[4, 5], [3]]],
    ]);
    expectCovered([slice], transactions);
  });

  it('puts a slice without events (it only moves its checkpoint) in the first transaction', () => {
    const slices = [aSlice('raw', range(0, 10), { startOffset: 0, nextOffset: 10 }), aSlice('responses', [], { startOffset: 40, nextOffset: 44 })];
    const transactions = chunkSlices(slices, 4);
    expect(transactions.map((t) => t.map((p) => p.slice))).toEqual([[0, 1], [0], [0]]);
    expect(transactions[0][1].part).toBe(slices[1]);
  });

  it('keeps a slice without a start open-ended in its first part only', () => {
    const slice = aSlice('raw', range(5, 9), { nextOffset: 9 });
    const parts = partsOf(chunkSlices([slice], 2), 0);
    expect(parts.map((p) => [p.startOffset, p.nextOffset])).toEqual([
      [undefined, 7],
      [7, 9],
    ]);
  });

  it('never exceeds the cap and covers every slice exactly, whatever the sizes', () => {
    for (const cap of [1, 2, 3, 7, 50, 299]) {
      for (const sizes of [[0], [1, 1, 1, 1], [5, 0, 13], [100, 3, 0, 250, 1, 1], [300, 200, 300]]) {
        let offset = 0;
        const slices = sizes.map((n, i) => {
          const start = offset;
          offset += n * 2 + 1;
          return aSlice(`topic${i}`, range(0, n).map((k) => start + 2 * k), { startOffset: start, nextOffset: offset });
        });
        const transactions = chunkSlices(slices, cap);
        for (const transaction of transactions) {
          expect(transaction.reduce((sum, p) => sum + size(p.part), 0)).toBeLessThanOrEqual(cap);
          expect(new Set(transaction.map((p) => p.slice)).size).toBe(transaction.length);
        }
        const total = sizes.reduce((sum, n) => sum + n, 0);
        expect(transactions.length).toBe(Math.max(1, Math.ceil(total / cap)));
        expectCovered(slices, transactions);
      }
    }
  });

  it('refuses a cap below one event', () => {
    expect(() => chunkSlices([], 0)).toThrow(/at least one event/);
  });
});
