import { createBackfillsTable, finishBackfills, resetBackfills } from './backfills';
import type { ReadStore } from './read-store';

/** A start-up backfill of a tweets table and the columns it fills. */
export interface TweetsBackfill {
  name: string;
  columns: readonly string[];
}

/** The search document of rows written before the search (store/search-index.ts). */
export const SEARCH_TEXT_BACKFILL: TweetsBackfill = { name: 'search_text', columns: ['search_text'] };

/** The due time and first response of rows written before first-response targets (projections/first-response-backfill.ts). */
export const FIRST_RESPONSE_BACKFILL: TweetsBackfill = {
  name: 'first_response',
  columns: ['first_response_at', 'first_response_seconds', 'due_at', 'waiting_due_at'],
};

/** MySQL only: rows the original design's consumer wrote get an id, a received time and a status (store/mysql-migrations.ts). */
export const ORIGINAL_ROWS_BACKFILL: TweetsBackfill = { name: 'original_rows', columns: ['received_event_id'] };

/** What creating or upgrading a tweets table did. */
export interface TweetsTableChange {
  /** made now: its rows are all written by the current code */
  created: boolean;
  /** columns added now to a table that was there */
  addedColumns: readonly string[];
}

/**
 * Which backfills a change settles: a table made now needs none of them; one that has just been given a backfill's
 * columns needs that backfill from its first row, whatever an earlier mark says. The others keep their marks.
 */
export const backfillsAfter = (change: TweetsTableChange, backfills: readonly TweetsBackfill[]): { finished: string[]; reset: string[] } => {
  if (change.created) return { finished: backfills.map((b) => b.name), reset: [] };
  const added = new Set(change.addedColumns);
  return { finished: [], reset: backfills.filter((b) => b.columns.some((column) => added.has(column))).map((b) => b.name) };
};

export const tweetsBackfillsOf = (dialect: ReadStore['dialect']): TweetsBackfill[] =>
  dialect === 'sqlite' ? [SEARCH_TEXT_BACKFILL, FIRST_RESPONSE_BACKFILL] : [ORIGINAL_ROWS_BACKFILL, SEARCH_TEXT_BACKFILL, FIRST_RESPONSE_BACKFILL];

/** Records what creating or upgrading `table` means for its backfills. */
export const recordTweetsTableChange = async (store: ReadStore, table: string, change: TweetsTableChange, now: Date = new Date()): Promise<void> => {
  await createBackfillsTable(store);
  const { finished, reset } = backfillsAfter(change, tweetsBackfillsOf(store.dialect));
  await finishBackfills(store, table, finished, now.toISOString());
  await resetBackfills(store, table, reset);
};
