/** Latencies in 1 ms buckets up to two minutes (the last bucket holds everything slower); mergeable across threads. */
export const HISTOGRAM_MS = 120_000;

export class Histogram {
  constructor(readonly counts = new Float64Array(HISTOGRAM_MS + 1)) {}

  get total(): number {
    let total = 0;
    for (const c of this.counts) total += c;
    return total;
  }

  record(ms: number): void {
    this.counts[Math.min(HISTOGRAM_MS, Math.max(0, Math.round(ms)))] += 1;
  }

  add(other: Float64Array): void {
    for (let i = 0; i < other.length; i++) this.counts[i] += other[i];
  }

  percentile(p: number): number {
    const total = this.total;
    if (total === 0) return NaN;
    const rank = Math.ceil((p / 100) * total);
    let seen = 0;
    for (let ms = 0; ms < this.counts.length; ms++) {
      seen += this.counts[ms];
      if (seen >= rank) return ms;
    }
    return HISTOGRAM_MS;
  }
}
