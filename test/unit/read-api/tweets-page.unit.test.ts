import { evolveTweet } from '../../../src/projections/tweet-row';
import type { StoredTweet } from '../../../src/projections/tweets';
import { toTweetJson } from '../../../src/read-api/tweet-json';
import { encodeTweetsPage, TWEETS_PAGE } from '../../../src/read-api/tweets-page';
import { aComplaintClassified, aComplaintReceived } from '../../support/fixtures';

const rowOf = (id: number, complaintId: string): StoredTweet => {
  const received = aComplaintReceived({ complaintId, text: `Fan not working in B${id}, please help` });
  return { ...evolveTweet(evolveTweet(null, received), aComplaintClassified(complaintId, { prediction: id % 2 === 1 ? 1 : 0 })), id };
};

/** The row as MySQL's driver reads it back: BIGINT columns as strings, a TINYINT as text, a count as NULL. */
const readBack = (row: StoredTweet): StoredTweet =>
  ({ ...row, id: String(row.id), pnr: row.pnr === null ? null : String(row.pnr), review: '0', notes_count: null }) as unknown as StoredTweet;

describe('a page of complaints encoded where its rows are read', () => {
  it('is the JSON the API answered before, row by row, with the last row’s cursor', () => {
    const rows = [rowOf(7, 'c-7'), rowOf(4, 'c-4')];
    const { json, summary } = encodeTweetsPage(rows.map(readBack));
    const expected = rows.map((row) => toTweetJson({ ...row, review: 0, notes_count: 0 }));
    const parsed = JSON.parse(json) as Record<string, unknown>[];
    // breached depends on the moment it is computed: compared apart
    const withoutBreached = ({ breached: _breached, ...rest }: Record<string, unknown>) => rest;
    expect(parsed.map(withoutBreached)).toEqual(expected.map((tweet) => withoutBreached({ ...tweet })));
    expect(parsed.map((tweet) => typeof tweet.breached)).toEqual(['boolean', 'boolean']);
    expect(parsed.map((tweet) => tweet.id)).toEqual([7, 4]);
    expect(summary).toEqual({ count: 2, last: { id: 4, waitingDueAt: rows[1].waiting_due_at } });
  });

  it('an empty page is an empty array with no cursor', () => {
    expect(encodeTweetsPage([])).toEqual({ json: '[]', summary: { count: 0, last: null } });
  });

  it('names a module and export a reader thread can load: the same function', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect((require(TWEETS_PAGE.module) as Record<string, unknown>)[TWEETS_PAGE.name]).toBe(TWEETS_PAGE.encode);
  });
});
