import { stringify } from 'csv-stringify/sync';
import { neutraliseCell } from '../../../src/read-api/tweets-csv';
import { dayRange, openDayRange } from '../../../src/read-api/date-range';

describe('CSV export: formula injection', () => {
  test.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ['+91 98765 43210', `'+91 98765 43210`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
  ])('%j starts like a formula: prefixed with a quote', (cell, expected) => {
    expect(neutraliseCell(cell)).toBe(expected);
  });

  test.each(['Fan not working in B3', '12951', 'a=b later in the text', "'already quoted", ''])('%j is left as it is', (cell) => {
    expect(neutraliseCell(cell)).toBe(cell);
  });

  test('with the library’s quoting, a neutralised cell keeps its quotes, commas and newlines', () => {
    const line = stringify([['=1+1, "two"\nthree', 'plain']], { cast: { string: neutraliseCell } });
    expect(line).toBe(`"'=1+1, ""two""\nthree",plain\n`);
  });
});

describe('day ranges', () => {
  const today = new Date('2026-11-20T15:00:00.000Z');
  const options = { today, defaultDays: 30, maxDays: 366 };

  test('whole UTC days, both included; missing ends default to the last 30 days', () => {
    expect(dayRange({ from: '2026-11-01', to: '2026-11-02' }, options)).toEqual({
      fromDay: '2026-11-01',
      from: '2026-11-01T00:00:00.000Z',
      toDay: '2026-11-02',
      to: '2026-11-03T00:00:00.000Z',
    });
    expect(dayRange({}, options)).toMatchObject({ fromDay: '2026-10-22', toDay: '2026-11-20' });
    expect(openDayRange({})).toEqual({ from: undefined, to: undefined });
    expect(openDayRange({ to: '2026-11-20' })).toEqual({ from: undefined, to: '2026-11-21T00:00:00.000Z' });
  });

  test.each([
    [{ from: '2026-02-30' }, /from: a date as YYYY-MM-DD/],
    [{ to: '2026-13-01' }, /to: a date as YYYY-MM-DD/],
    [{ from: '2026-11-21', to: '2026-11-20' }, /from: must not be after to/],
    [{ from: '2024-01-01', to: '2026-11-20' }, /at most 366 days/],
  ])('%o is refused', (query, message) => {
    expect(() => dayRange(query, options)).toThrow(message);
  });
});
