import { ValidationError } from '../errors';

const DAY_MS = 86_400_000;

/** A YYYY-MM-DD that names a real day (2026-02-30 does not), as the instant it starts (UTC); 400 otherwise. */
export const startOfDay = (name: string, value: string): number => {
  const ms = Date.parse(`${value}T00:00:00.000Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new ValidationError(`${name}: a date as YYYY-MM-DD (UTC), not ${JSON.stringify(value)}`);
  }
  return ms;
};

export interface DayRange {
  /** the first day, YYYY-MM-DD, and the instant it starts */
  fromDay: string;
  from: string;
  /** the last day (included), and the instant after it */
  toDay: string;
  to: string;
}

/**
 * `from` and `to` as whole UTC days, both included. Missing ends default to the `defaultDays` days up to today; a
 * range that runs backwards or over `maxDays` is a 400.
 */
export const dayRange = (
  query: { from?: string; to?: string },
  options: { today: Date; defaultDays: number; maxDays: number },
): DayRange => {
  const today = Date.parse(options.today.toISOString().slice(0, 10));
  const to = query.to === undefined ? today : startOfDay('to', query.to);
  const from = query.from === undefined ? to - (options.defaultDays - 1) * DAY_MS : startOfDay('from', query.from);
  if (from > to) throw new ValidationError('from: must not be after to');
  if ((to - from) / DAY_MS + 1 > options.maxDays) throw new ValidationError(`from, to: at most ${options.maxDays} days`);
  const iso = (ms: number) => new Date(ms).toISOString();
  return { fromDay: iso(from).slice(0, 10), from: iso(from), toDay: iso(to).slice(0, 10), to: iso(to + DAY_MS) };
};

/** An optional range of whole UTC days, both included, as instants: an end not given stays open. */
export const openDayRange = (query: { from?: string; to?: string }): { from?: string; to?: string } => {
  const from = query.from === undefined ? undefined : startOfDay('from', query.from);
  const to = query.to === undefined ? undefined : startOfDay('to', query.to);
  if (from !== undefined && to !== undefined && from > to) throw new ValidationError('from: must not be after to');
  return {
    from: from === undefined ? undefined : new Date(from).toISOString(),
    to: to === undefined ? undefined : new Date(to + DAY_MS).toISOString(),
  };
};
