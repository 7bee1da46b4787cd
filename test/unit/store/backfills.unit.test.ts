import { renamedBackfills, type BackfillMark } from '../../../src/store/backfills';
import { backfillsAfter, FIRST_RESPONSE_BACKFILL, SEARCH_TEXT_BACKFILL, tweetsBackfillsOf } from '../../../src/store/tweets-backfills';

const BOTH = [SEARCH_TEXT_BACKFILL, FIRST_RESPONSE_BACKFILL];

describe('what creating or upgrading a tweets table settles', () => {
  it('a table made now needs no backfill: every row in it is written by this code', () => {
    expect(backfillsAfter({ created: true, addedColumns: [] }, BOTH)).toEqual({ finished: ['search_text', 'first_response'], reset: [] });
  });

  it('a table given a backfill\'s columns now needs that backfill from its first row, and only that one', () => {
    expect(backfillsAfter({ created: false, addedColumns: ['due_at', 'waiting_due_at'] }, BOTH)).toEqual({ finished: [], reset: ['first_response'] });
    expect(backfillsAfter({ created: false, addedColumns: ['review', 'search_text'] }, BOTH)).toEqual({ finished: [], reset: ['search_text'] });
  });

  it('a table that had every column keeps its marks: finished stays finished, unmarked runs once', () => {
    expect(backfillsAfter({ created: false, addedColumns: [] }, BOTH)).toEqual({ finished: [], reset: [] });
  });

  it("MySQL's tables also backfill the original design's rows, before the search reads them", () => {
    expect(tweetsBackfillsOf('mysql').map((b) => b.name)).toEqual(['original_rows', 'search_text', 'first_response']);
    expect(tweetsBackfillsOf('sqlite').map((b) => b.name)).toEqual(['search_text', 'first_response']);
  });
});

describe('backfill marks across a swap', () => {
  const mark = (name: string, table: string, finishedAt: string | null, afterId = 0): BackfillMark => ({ name, table, afterId, finishedAt });
  const swaps: [string, string][] = [
    ['tweets', 'tweets_r1_old'],
    ['tweets_r1', 'tweets'],
  ];

  it('follow their tables through renames applied in order: the live name gets the new generation\'s marks', () => {
    const marks = [mark('search_text', 'tweets', null, 40), mark('search_text', 'tweets_r1', '2026-12-05T00:00:00.000Z')];
    expect(renamedBackfills(marks, swaps)).toEqual([
      mark('search_text', 'tweets_r1_old', null, 40),
      mark('search_text', 'tweets', '2026-12-05T00:00:00.000Z'),
    ]);
  });

  it('an unfinished generation swapped in leaves the live name unfinished, however finished the old table was', () => {
    const marks = [mark('first_response', 'tweets', '2026-12-01T00:00:00.000Z'), mark('first_response', 'tweets_r1', null, 7)];
    expect(renamedBackfills(marks, swaps).filter((m) => m.table === 'tweets')).toEqual([mark('first_response', 'tweets', null, 7)]);
  });

  it('leaves the marks of other tables alone', () => {
    expect(renamedBackfills([mark('search_text', 'tweets_r2', null)], swaps)).toEqual([mark('search_text', 'tweets_r2', null)]);
  });
});
