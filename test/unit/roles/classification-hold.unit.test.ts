import type { PositionedEvent, TweetSlice } from '../../../src/projections/tweets';
import { ClassificationHold } from '../../../src/roles/classification-hold';
import { aComplaintClassified, aComplaintReceived } from '../../support/fixtures';

const RAW = 'raw_tweets';
const received = (offset: number): PositionedEvent => ({ offset, event: aComplaintReceived({ complaintId: `c-${offset}` }) });
/** a raw slice read from `from` (its first offset unless given) */
const rawSlice = (offsets: number[], from = offsets[0], nextOffset = offsets[offsets.length - 1] + 1): TweetSlice => ({
  topic: RAW,
  partition: 0,
  startOffset: from,
  nextOffset,
  events: offsets.map(received),
});
const classifiedSlice = (...rawOffsets: number[]): TweetSlice => ({
  topic: 'tweet_classified',
  partition: 0,
  nextOffset: 1,
  events: rawOffsets.map((o, i) => ({ offset: i, event: aComplaintClassified(`c-${o}`) })),
});
const offsetsOf = (slice: TweetSlice | null) => slice?.events.map((e) => e.offset);

describe('ClassificationHold', () => {
  const settings = { holdMs: 1000, maxHeld: 100 };

  it('keeps raw events until their classification is fetched, then releases them with every raw event before', () => {
    const hold = new ClassificationHold(RAW, settings);
    hold.hold(rawSlice([10, 11, 12, 13]), 0);
    expect(hold.release(0, [], 5)).toBeNull();
    const released = hold.release(0, [classifiedSlice(10, 12)], 10);
    expect(offsetsOf(released)).toEqual([10, 11, 12]);
    // The slice starts where the events were read from and stops at the first event still waiting.
    expect(released).toMatchObject({ topic: RAW, partition: 0, startOffset: 10, nextOffset: 13 });
    const rest = hold.release(0, [classifiedSlice(13)], 20);
    expect(offsetsOf(rest)).toEqual([13]);
    expect(rest).toMatchObject({ startOffset: 13, nextOffset: 14 });
  });

  it('releases everything as it is once the classifier has classified nothing for holdMs', () => {
    const hold = new ClassificationHold(RAW, settings);
    hold.hold(rawSlice([0, 1]), 0);
    expect(hold.stalled(999)).toEqual([]);
    expect(hold.release(0, [], 999)).toBeNull();
    expect(hold.stalled(1000)).toEqual([0]);
    expect(offsetsOf(hold.release(0, [], 1000))).toEqual([0, 1]);
    expect(hold.stalled(5000)).toEqual([]);
  });

  it('waits ten times as long while classifications arrive but release none of the held events', () => {
    const hold = new ClassificationHold(RAW, settings);
    hold.hold(rawSlice([0, 1]), 0);
    for (let now = 900; now < 10_000; now += 900) expect(hold.release(0, [classifiedSlice(77)], now)).toBeNull();
    expect(hold.stalled(10_000)).toEqual([0]);
    expect(offsetsOf(hold.release(0, [classifiedSlice(77)], 10_000))).toEqual([0, 1]);
  });

  it('counts classifications from when they are fetched, before their transaction runs', () => {
    const hold = new ClassificationHold(RAW, settings);
    hold.hold(rawSlice([0, 1]), 0);
    // Raw events are not classifications: fetching them says nothing about the classifier.
    hold.fetched(rawSlice([2]), 900);
    expect(hold.stalled(1000)).toEqual([0]);
    hold.fetched(classifiedSlice(77), 900);
    expect(hold.stalled(1000)).toEqual([]);
    expect(hold.release(0, [], 1899)).toBeNull();
    expect(hold.stalled(1900)).toEqual([0]);
  });

  it('keeps waiting while the classifier works on other partitions', () => {
    const hold = new ClassificationHold(RAW, settings);
    hold.hold(rawSlice([0, 1]), 0);
    for (let now = 900; now < 10_000; now += 900) {
      expect(hold.release(1, [{ ...classifiedSlice(500), partition: 1 }], now)).toBeNull();
      expect(hold.stalled(now)).toEqual([]);
    }
    expect(hold.stalled(10_000)).toEqual([0]);
  });

  it('counts the wait from the last classification, so a classifier that keeps working is waited for', () => {
    const hold = new ClassificationHold(RAW, settings);
    hold.hold(rawSlice([0, 1, 2]), 0);
    expect(offsetsOf(hold.release(0, [classifiedSlice(0)], 900))).toEqual([0]);
    expect(hold.release(0, [], 1500)).toBeNull();
    expect(offsetsOf(hold.release(0, [], 1900))).toEqual([1, 2]);
  });

  it('releases a complaint whose classification was fetched before it at once', () => {
    const hold = new ClassificationHold(RAW, settings);
    expect(hold.release(0, [classifiedSlice(0, 1)], 0)).toBeNull();
    hold.hold(rawSlice([0, 1, 2]), 10);
    expect(offsetsOf(hold.release(0, [], 10))).toEqual([0, 1]);
  });

  it('never keeps more than maxHeld events of a partition', () => {
    const hold = new ClassificationHold(RAW, { holdMs: 1000, maxHeld: 2 });
    hold.hold(rawSlice([0, 1, 2, 3, 4]), 0);
    expect(offsetsOf(hold.release(0, [], 1))).toEqual([0, 1, 2]);
    expect(hold.release(0, [], 2)).toBeNull();
  });

  it('moves the checkpoint over fetched messages that held nothing, once', () => {
    const hold = new ClassificationHold(RAW, settings);
    hold.hold({ topic: RAW, partition: 0, startOffset: 5, nextOffset: 7, events: [] }, 0);
    expect(hold.release(0, [], 1)).toMatchObject({ startOffset: 5, nextOffset: 7, events: [] });
    expect(hold.release(0, [], 2)).toBeNull();
  });

  it('continues with the next fetch, and replaces what a slice read again after a seek covers', () => {
    const hold = new ClassificationHold(RAW, settings);
    hold.hold(rawSlice([0, 1, 2]), 0);
    hold.hold(rawSlice([3, 4]), 0);
    hold.hold(rawSlice([2, 3, 4]), 0);
    expect(offsetsOf(hold.release(0, [classifiedSlice(4)], 1))).toEqual([0, 1, 2, 3, 4]);
  });

  it('starts over from a slice that does not continue what it holds, and the released slice says where it starts', () => {
    const hold = new ClassificationHold(RAW, settings);
    hold.hold(rawSlice([0, 1]), 0);
    // fetched before a seek, from further on: the projection refuses it if its checkpoint is below 9
    hold.hold(rawSlice([9]), 0);
    expect(hold.release(0, [classifiedSlice(9)], 1)).toMatchObject({ startOffset: 9, nextOffset: 10 });
    // read again from the checkpoint
    hold.hold(rawSlice([2, 3], 2), 0);
    expect(hold.release(0, [classifiedSlice(3)], 2)).toMatchObject({ startOffset: 2, nextOffset: 4 });
  });

  it('takes back a released slice whose transaction failed, and forgets a partition on drop', () => {
    const hold = new ClassificationHold(RAW, settings);
    hold.hold(rawSlice([0, 1]), 0);
    const released = hold.release(0, [classifiedSlice(0)], 1);
    hold.restore(released!);
    expect(hold.release(0, [classifiedSlice(1)], 2)).toMatchObject({ startOffset: 0, nextOffset: 2 });
    hold.hold(rawSlice([2]), 3);
    hold.drop(0);
    expect(hold.release(0, [classifiedSlice(2)], 4)).toBeNull();
  });

  it('asks to pause reading at half of maxHeld and to go on below a quarter', () => {
    const hold = new ClassificationHold(RAW, { holdMs: 1000, maxHeld: 8 });
    hold.hold(rawSlice([0]), 0);
    expect(hold.backPressure(0)).toBe(false);
    hold.hold(rawSlice([1, 2]), 0);
    expect(hold.backPressure(0)).toBeNull();
    hold.hold(rawSlice([3]), 0);
    expect(hold.backPressure(0)).toBe(true);
    hold.release(0, [classifiedSlice(2)], 1);
    expect(hold.backPressure(0)).toBe(false);
  });
});
