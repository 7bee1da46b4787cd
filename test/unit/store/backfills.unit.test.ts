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
