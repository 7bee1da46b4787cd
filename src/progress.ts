/** Progress of a long command (a rebuild): a bar with its rate and time left on a terminal, plain lines otherwise. */

export const formatDuration = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
};

export interface ProgressFigures {
  done: number;
  total: number;
  elapsedMs: number;
}

/** The time left at the rate so far; unknown until something is done. */
export const etaSeconds = ({ done, total, elapsedMs }: ProgressFigures): number =>
  done <= 0 || elapsedMs <= 0 ? Infinity : Math.max(0, ((total - done) * elapsedMs) / done / 1000);

const rateOf = ({ done, elapsedMs }: ProgressFigures): number => (elapsedMs <= 0 ? 0 : Math.round((done * 1000) / elapsedMs));

/** `label [#####.....] 50% 500/1000 250/s ETA 0:02` */
export const progressBarLine = (label: string, figures: ProgressFigures): string => {
  const ratio = figures.total === 0 ? 1 : Math.min(1, figures.done / figures.total);
  const bar = '#'.repeat(Math.round(ratio * 30)).padEnd(30, '.');
  return `${label} [${bar}] ${Math.floor(ratio * 100)}% ${figures.done}/${figures.total} ${rateOf(figures)}/s ETA ${formatDuration(etaSeconds(figures))}`;
};

/** `label: 500/1000 events (50%), 250/s, ETA 0:02`: for logs, where a bar's carriage returns are noise. */
export const progressPlainLine = (label: string, figures: ProgressFigures): string => {
  const percent = figures.total === 0 ? 100 : Math.floor(Math.min(1, figures.done / figures.total) * 100);
  return `${label}: ${figures.done}/${figures.total} events (${percent}%), ${rateOf(figures)}/s, ETA ${formatDuration(etaSeconds(figures))}`;
};

export interface ProgressOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Reports progress to `out` (stderr): on a terminal the bar is redrawn at most ten times a second; otherwise a line
 * is written every `everyMs` (and the last one by `done`).
 */
export class ProgressReporter {
  private readonly started: number;
  private lastWrite = -Infinity;
  private last: { done: number; total: number } | null = null;
  private written: { done: number; total: number } | null = null;

  constructor(
    private readonly label: string,
    private readonly out: ProgressOutput,
    private readonly now: () => number = Date.now,
    private readonly everyMs = 5_000,
  ) {
    this.started = now();
  }

  update(done: number, total: number): void {
    this.last = { done, total };
    const now = this.now();
    const interval = this.out.isTTY ? 100 : this.everyMs;
    if (now - this.lastWrite < interval && done < total) return;
    if (this.isWritten()) return;
    this.write(now);
  }

  /** The final figures, and the end of the bar's line. */
  done(): void {
    if (!this.isWritten()) this.write(this.now());
    if (this.out.isTTY) this.out.write('\n');
  }

  private isWritten(): boolean {
    return this.last === null || (this.written !== null && this.written.done === this.last.done && this.written.total === this.last.total);
  }

  private write(now: number): void {
    if (!this.last) return;
    this.lastWrite = now;
    this.written = this.last;
    const figures = { ...this.last, elapsedMs: now - this.started };
    if (this.out.isTTY) this.out.write(`\r${progressBarLine(this.label, figures)}`);
    else this.out.write(`${progressPlainLine(this.label, figures)}\n`);
  }
}
