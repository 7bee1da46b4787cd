import { etaSeconds, formatDuration, progressBarLine, progressPlainLine, ProgressReporter } from '../../../src/progress';

describe('rebuild progress', () => {
  it('formats durations and the time left at the rate so far', () => {
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(754)).toBe('12:34');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(Infinity)).toBe('--:--');
    expect(etaSeconds({ done: 250, total: 1000, elapsedMs: 1000 })).toBe(3);
    expect(etaSeconds({ done: 0, total: 1000, elapsedMs: 1000 })).toBe(Infinity);
  });

  it('draws a bar with percentage, rate and ETA, or a plain line', () => {
    expect(progressBarLine('rebuilding x', { done: 500, total: 1000, elapsedMs: 2000 })).toBe(
      `rebuilding x [${'#'.repeat(15)}${'.'.repeat(15)}] 50% 500/1000 250/s ETA 0:02`,
    );
    expect(progressPlainLine('rebuilding x', { done: 500, total: 1000, elapsedMs: 2000 })).toBe('rebuilding x: 500/1000 events (50%), 250/s, ETA 0:02');
    expect(progressPlainLine('rebuilding x', { done: 0, total: 0, elapsedMs: 0 })).toBe('rebuilding x: 0/0 events (100%), 0/s, ETA --:--');
  });

  const recorder = (isTTY: boolean) => {
    const written: string[] = [];
    let now = 0;
    const reporter = new ProgressReporter('rebuilding x', { isTTY, write: (t: string) => written.push(t) }, () => now, 5000);
    return { written, reporter, advance: (ms: number) => (now += ms) };
  };

  it('redraws the bar in place on a terminal, at most ten times a second, and ends its line', () => {
    const { written, reporter, advance } = recorder(true);
    reporter.update(10, 100);
    advance(50);
    reporter.update(20, 100);
    advance(60);
    reporter.update(30, 100);
    reporter.done();
    expect(written.map((w) => w.replace(/ \[.*\]/, ''))).toEqual([
      '\rrebuilding x 10% 10/100 0/s ETA --:--',
      '\rrebuilding x 30% 30/100 273/s ETA 0:00',
      '\n',
    ]);
  });

  it('writes a plain line every interval otherwise, and the final figures once', () => {
    const { written, reporter, advance } = recorder(false);
    reporter.update(10, 100);
    advance(1000);
    reporter.update(20, 100);
    advance(4000);
    reporter.update(60, 100);
    advance(10);
    reporter.update(100, 100);
    reporter.update(100, 100);
    reporter.done();
    expect(written.map((line) => line.split(' events')[0])).toEqual(['rebuilding x: 10/100', 'rebuilding x: 60/100', 'rebuilding x: 100/100']);
    expect(written.every((line) => line.endsWith('\n'))).toBe(true);
  });
});
