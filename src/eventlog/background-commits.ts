export interface PartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Offsets committed to the group in the background: the newest per partition, at most once per interval. For a
 * consumer whose positions live in its own store (committed with its rows), the group's offsets only show operators
 * how far it is; waiting for a broker round trip after every batch added that much to the time a complaint takes to
 * reach the dashboard.
 */
export class BackgroundCommits {
  private readonly pending = new Map<string, PartitionOffset>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly commit: (offsets: PartitionOffset[]) => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Records that a partition has been handled up to `offset` (the next one to read). */
  note(topic: string, partition: number, offset: number): void {
    this.pending.set(`${topic}\u0000${partition}`, { topic, partition, offset: String(offset) });
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /** Forgets what was not committed yet: the partitions were assigned anew and positions come from the store. */
  drop(): void {
    this.pending.clear();
  }

  /** Commits what is pending now; one commit runs at a time. Failures go to onError and are not retried. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    if (offsets.length === 0) return this.inFlight;
    this.inFlight = this.inFlight.then(() => this.commit(offsets)).catch(this.onError);
    return this.inFlight;
  }
}
