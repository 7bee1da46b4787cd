interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Every topic is keyed by complaint id with one partitioner, so partition n of each topic holds the same complaints.
 * This queue handles the batches of one partition number one call at a time (their rows never contend), and hands
 * the batches that arrive meanwhile, from any topic, to the next call together: a complaint's events from several
 * topics are then written once. Different partition numbers run side by side.
 */
export class PartitionQueue<T, R> {
  private readonly waiting = new Map<number, Waiting<T, R>[]>();
  private readonly draining = new Set<number>();

  /** `handle` answers each item, in order. */
  constructor(private readonly handle: (items: T[]) => Promise<R[]>) {}

  submit(partition: number, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.waiting.get(partition) ?? [];
      queue.push({ item, resolve, reject });
      this.waiting.set(partition, queue);
      if (!this.draining.has(partition)) {
        this.draining.add(partition);
        // The batches of one fetch are handed over in the same turn of the event loop: gather them first.
        setImmediate(() => void this.drain(partition));
      }
    });
  }

  private async drain(partition: number): Promise<void> {
    for (;;) {
      const taken = this.waiting.get(partition) ?? [];
      if (taken.length === 0) break;
      this.waiting.set(partition, []);
      try {
        const results = await this.handle(taken.map((w) => w.item));
        taken.forEach((w, i) => w.resolve(results[i]));
      } catch (error) {
        for (const w of taken) w.reject(error);
      }
    }
    this.draining.delete(partition);
  }
}
