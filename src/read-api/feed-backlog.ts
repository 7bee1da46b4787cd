import type { Positions } from '../eventlog/event-log';
import { slotOf } from '../projections/checkpoints';

/** A batch the change feed read, waiting for the projection's checkpoint to pass it. */
export interface WaitingBatch {
  topic: string;
  partition: number;
  /** the position after the batch: the checkpoint must reach it */
  next: number;
  complaintIds: string[];
  /** when it was read, ms */
  since: number;
}

export interface Released {
  /** complaints of the released batches, each once */
  complaintIds: string[];
  /** batches the checkpoint passed */
  passed: WaitingBatch[];
  /** batches that waited longer than the limit: announced anyway */
  gaveUp: WaitingBatch[];
}

/**
 * The change feed's batches that the projection has not committed yet, per topic partition in offset order. Reading
 * goes on while they wait: one look at the checkpoints releases every batch they passed, whatever its partition.
 */
export class FeedBacklog {
  private readonly slots = new Map<string, WaitingBatch[]>();
  private count = 0;

  constructor(private readonly giveUpMs: number) {}

  get size(): number {
    return this.count;
  }

  add(batch: WaitingBatch): void {
    const slot = slotOf(batch.topic, batch.partition);
    const waiting = this.slots.get(slot);
    if (waiting) waiting.push(batch);
    else this.slots.set(slot, [batch]);
    this.count += 1;
  }

  /** Takes out every batch the checkpoints (per topic) have passed, and those read more than giveUpMs before `now`. */
  release(checkpoints: Map<string, Positions>, now: number): Released {
    const ids = new Set<string>();
    const passed: WaitingBatch[] = [];
    const gaveUp: WaitingBatch[] = [];
    for (const [slot, waiting] of this.slots) {
      const position = checkpoints.get(waiting[0].topic)?.get(waiting[0].partition) ?? 0;
      let taken = 0;
      for (const batch of waiting) {
        if (position >= batch.next) passed.push(batch);
        else if (now - batch.since > this.giveUpMs) gaveUp.push(batch);
        else break;
        for (const id of batch.complaintIds) ids.add(id);
        taken += 1;
      }
      if (taken === waiting.length) this.slots.delete(slot);
      else if (taken > 0) waiting.splice(0, taken);
      this.count -= taken;
    }
    return { complaintIds: [...ids], passed, gaveUp };
  }
}
