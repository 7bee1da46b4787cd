import type { PositionedEvent, TweetSlice } from '../projections/tweets';

export interface HoldSettings {
  /**
   * how long raw events wait while no classification arrives for any partition (the classifier is down), and a tenth
   * of how long they wait while classifications arrive but none releases any of them. The projector counts this time
   * on an IdleClock: time spent writing a transaction does not count.
   */
  holdMs: number;
  /**
   * at most this many raw events wait per partition; beyond it the oldest are applied without waiting. Reading the
   * partition pauses at half of it and goes on below a quarter.
   */
  maxHeld: number;
}

interface Held {
  /** where the held events start: every message after it is held, up to `fetchedNext` */
  from: number;
  events: PositionedEvent[];
  /** the offset after the last fetched message */
  fetchedNext: number;
  /** when held events were last released, or when the first held event arrived */
  movedAt: number;
}

/**
 * Raw events (raw_tweets) wait here, per partition, until their ComplaintClassified is fetched, so a complaint's row is
 * written once, received and classified together, instead of inserted and then updated. The classifier keeps each
 * partition's order, so once a held complaint is classified every raw event before it is released too. When no
 * classification arrives for any partition for `holdMs` (the classifier is down; while it works through a backlog it
 * may visit one partition only every few seconds), or none releases any of a partition's events for ten times as long
 * (the classifications are for older complaints), they are all released as they are, and the dashboard shows the
 * complaints unclassified. Nothing here is a position: the projection's checkpoint only ever
 * covers released events, so a restart reads the held ones again, and a released slice says where it starts
 * (`startOffset`), so one that does not continue the checkpoint is refused by the projection.
 */
export class ClassificationHold {
  private readonly partitions = new Map<number, Held>();
  /** when a classification was last fetched or applied, for any partition */
  private classifiedAt = 0;
  /** per partition, the complaint ids of the latest classifications (at most `maxHeld`), oldest first */
  private readonly classified = new Map<number, Set<string>>();

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
      this.partitions.set(slice.partition, { from, events: [...slice.events], fetchedNext: slice.nextOffset, movedAt: now });
      return;
    }
    if (held.events.length === 0) held.movedAt = now;
    held.events = held.events.filter((e) => e.offset < from).concat(slice.events);
    held.fetchedNext = slice.nextOffset;
  }

  /**
   * The raw slice to apply together with `others` (the same partition number's slices of the other topics): the held
   * events up to the last one classified in `others`, all of them when the classifier has stalled, and the oldest
   * beyond `maxHeld`. Null when the checkpoint would not move.
   */
  release(partition: number, others: TweetSlice[], now: number): TweetSlice | null {
    // Classifications fetched before their complaint (a replay may read the classified topic ahead) count too.
    const classified = this.classified.get(partition) ?? new Set<string>();
    this.classified.set(partition, classified);
    for (const slice of others) {
      for (const { event } of slice.events) {
        if (event.type !== 'ComplaintClassified') continue;
        this.classifiedAt = now;
        classified.delete(event.data.complaintId);
        classified.add(event.data.complaintId);
      }
    }
    for (const id of classified) {
      if (classified.size <= this.settings.maxHeld) break;
      classified.delete(id);
    }
    const held = this.partitions.get(partition);
    if (!held) return null;
    let last = -1;
    for (let i = held.events.length - 1; i >= 0 && last < 0; i--) if (classified.has(held.events[i].event.data.complaintId)) last = i;
    if (this.isStalled(held, now)) last = held.events.length - 1;
    last = Math.max(last, held.events.length - this.settings.maxHeld - 1);
    if (last >= 0) held.movedAt = now;

    const events = held.events.slice(0, last + 1);
    const rest = held.events.slice(last + 1);
    const nextOffset = rest.length > 0 ? rest[0].offset : held.fetchedNext;
    if (events.length === 0 && nextOffset === held.from) return null;
    const slice = { topic: this.topic, partition, startOffset: held.from, nextOffset, events };
    held.events = rest;
    held.from = nextOffset;
    return slice;
  }

  /**
   * Notes classifications as they are fetched, before they wait for their partition's transaction: while the
   * projector works through a backlog they may wait longer than `holdMs`, and the classifier is not down.
   */
  fetched(slice: TweetSlice, now: number): void {
    if (slice.topic !== this.topic && slice.events.some(({ event }) => event.type === 'ComplaintClassified')) this.classifiedAt = now;
  }

  /** Takes back a released slice whose transaction failed: its events wait again, first. */
  restore(slice: TweetSlice): void {
    const held = this.partitions.get(slice.partition);
    if (!held || slice.startOffset === undefined || held.from !== slice.nextOffset) return;
    held.events = slice.events.concat(held.events);
    held.from = slice.startOffset;
  }

  /** Whether reading the partition should pause (true), go on (false), or stay as it is (null). */
  backPressure(partition: number): boolean | null {
    const size = this.partitions.get(partition)?.events.length ?? 0;
    if (size > 0 && size >= this.settings.maxHeld / 2) return true;
    if (size < this.settings.maxHeld / 4) return false;
    return null;
  }

  /** Partitions whose held events are to be released as they are. */
  stalled(now: number): number[] {
    return [...this.partitions].filter(([, h]) => this.isStalled(h, now)).map(([p]) => p);
  }

  private isStalled(held: Held, now: number): boolean {
    const waited = now - held.movedAt;
    return held.events.length > 0 && (Math.min(waited, now - this.classifiedAt) >= this.settings.holdMs || waited >= 10 * this.settings.holdMs);
  }

  /** Forgets a partition's held events (the consumer reads them again). */
  drop(partition: number): void {
    this.partitions.delete(partition);
  }

  clear(): void {
    this.partitions.clear();
    this.classified.clear();
  }
}
