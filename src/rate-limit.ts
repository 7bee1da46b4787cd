/** At most this many keys are remembered; past it the oldest windows are forgotten first. */
const DEFAULT_MAX_KEYS = 50_000;

/**
 * A fixed-window counter per client key (per process): enough to stop one client flooding the public intake. Its
 * memory is bounded: expired windows are pruned, and past `maxKeys` the oldest window is dropped.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {}

  /** true when the request is allowed */
  take(key: string): boolean {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.delete(key);
      this.makeRoom(now);
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    window.count += 1;
    return window.count <= this.limit;
  }

  /** Gives back one request that should not count (a login that succeeded). */
  refund(key: string): void {
    const window = this.windows.get(key);
    if (window && window.count > 0) window.count -= 1;
  }

  /** Whole seconds until `key` may send again (at least 1). */
  retryAfterSeconds(key: string): number {
    const window = this.windows.get(key);
    if (!window) return 1;
    return Math.max(1, Math.ceil((window.start + this.windowMs - this.now()) / 1000));
  }

  get size(): number {
    return this.windows.size;
  }

  private makeRoom(now: number): void {
    if (this.windows.size < this.maxKeys) return;
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
    // Insertion order is age order (a renewed window is re-inserted): drop the oldest until there is room.
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
