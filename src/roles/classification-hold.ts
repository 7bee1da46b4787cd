import type { PositionedEvent, TweetSlice } from '../projections/tweets';

export interface HoldSettings {
  /** how long raw events wait while the classifier classifies none of them */
  holdMs: number;
  /** at most this many raw events wait per partition; beyond it the oldest are applied without waiting */
  maxHeld: number;
}

interface Held {
  /** where the held events start: every message after it is held, up to `fetchedNext` */
  from: number;
  events: PositionedEvent[];
  /** the offset after the last fetched message */
  fetchedNext: number;
  /** when the classifier last classified a held event, or when the first of them arrived */
  since: number;
}

/**
 * Raw events (raw_tweets) wait here, per partition, until their ComplaintClassified is fetched, so a complaint's row is
 * written once, received and classified together, instead of inserted and then updated. The classifier keeps each
 * partition's order, so once a held complaint is classified every raw event before it is released too. When the
 * classifier classifies none of them for `holdMs` (it is down or stuck), they are all released as they are, and the
 * dashboard shows the complaints unclassified. Nothing here is a position: the projection's checkpoint only ever
 * covers released events, so a restart reads the held ones again, and a released slice says where it starts
 * (`startOffset`), so one that does not continue the checkpoint is refused by the projection.
 */
export class ClassificationHold {
  private readonly partitions = new Map<number, Held>();

  constructor(
    readonly topic: string,
    private readonly settings: HoldSettings,
  ) {}

  /** Takes a fetched raw slice (read from `slice.startOffset`); one read again after a seek replaces what it covers. */
  hold(slice: TweetSlice, now: number): void {
    const from = slice.startOffset ?? slice.events[0]?.offset ?? slice.nextOffset;
    const held = this.partitions.get(slice.partition);
    if (!held || from <= held.from || from > held.fetchedNext) {
      // Nothing held, read again from before what is held, or the consumer moved on: start over from this slice.
      this.partitions.set(slice.partition, { from, events: [...slice.events], fetchedNext: slice.nextOffset, since: now });
      return;
    }
    if (held.events.length === 0) held.since = now;
    held.events = held.events.filter((e) => e.offset < from).concat(slice.events);
    held.fetchedNext = slice.nextOffset;
  }

  /**
   * The raw slice to apply together with `others` (the same partition number's slices of the other topics): the held
   * events up to the last one classified in `others`, all of them when the classifier has stalled, and the oldest
   * beyond `maxHeld`. Null when the checkpoint would not move.
   */
  release(partition: number, others: TweetSlice[], now: number): TweetSlice | null {
    const held = this.partitions.get(partition);
    if (!held) return null;
    const classified = new Set<string>();
    for (const slice of others) {
      for (const { event } of slice.events) if (event.type === 'ComplaintClassified') classified.add(event.data.complaintId);
    }
    let last = -1;
    for (let i = held.events.length - 1; i >= 0 && last < 0; i--) if (classified.has(held.events[i].event.data.complaintId)) last = i;
    if (last >= 0) held.since = now;
    else if (now - held.since >= this.settings.holdMs) last = held.events.length - 1;
    last = Math.max(last, held.events.length - this.settings.maxHeld - 1);

    const events = held.events.slice(0, last + 1);
    const rest = held.events.slice(last + 1);
    const nextOffset = rest.length > 0 ? rest[0].offset : held.fetchedNext;
    if (events.length === 0 && nextOffset === held.from) return null;
    const slice = { topic: this.topic, partition, startOffset: held.from, nextOffset, events };
    held.events = rest;
    held.from = nextOffset;
    return slice;
  }

  /** Takes back a released slice whose transaction failed: its events wait again, first. */
  restore(slice: TweetSlice): void {
    const held = this.partitions.get(slice.partition);
    if (!held || slice.startOffset === undefined || held.from !== slice.nextOffset) return;
    held.events = slice.events.concat(held.events);
    held.from = slice.startOffset;
  }

  /** Partitions whose held events have waited `holdMs` without the classifier classifying any. */
  stalled(now: number): number[] {
    return [...this.partitions].filter(([, h]) => h.events.length > 0 && now - h.since >= this.settings.holdMs).map(([p]) => p);
  }

  /** Forgets a partition's held events (the consumer reads them again). */
  drop(partition: number): void {
    this.partitions.delete(partition);
  }

  clear(): void {
    this.partitions.clear();
  }
}
