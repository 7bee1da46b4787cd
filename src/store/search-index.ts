import { runBackfill, type BackfillOptions, type BatchedBackfill } from './backfills';
import type { ReadStore, SqlExecutor } from './read-store';
import { searchDocument } from './search';
import { termsOf, termsTableOf } from './search-terms';
import { SEARCH_TEXT_BACKFILL } from './tweets-backfills';
import { searchTableOf } from './tweets-tables';

const IN_CHUNK = 500;

/**
 * Writes the full-text entries of rows whose search_text was just written, on the projection's own transaction.
 * SQLite only: its FTS5 table is apart from the rows (rowid = tweets.id); MySQL's term table is written by
 * indexSearchTermsMysql (store/search-terms.ts).
 */
export const indexSearchTextSqlite = async (
  tx: SqlExecutor,
  tweetsTable: string,
  changed: { tweetIds: string[]; replacing: boolean },
): Promise<void> => {
  const search = searchTableOf(tweetsTable);
  for (let i = 0; i < changed.tweetIds.length; i += IN_CHUNK) {
    const chunk = changed.tweetIds.slice(i, i + IN_CHUNK);
    const rows = await tx.query<{ id: number; search_text: string | null }>(
      `SELECT id, search_text FROM ${tweetsTable} WHERE tweet_id IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    for (const row of rows) {
      if (changed.replacing) await tx.execute(`DELETE FROM ${search} WHERE rowid = ?`, [row.id]);
      if (row.search_text) await tx.execute(`INSERT INTO ${search} (rowid, search_text) VALUES (?, ?)`, [row.id, row.search_text]);
    }
  }
};

/** The rows written before the search index (or by the original design's SQL), given their search document and terms. */
const searchTextBackfill = (store: ReadStore): BatchedBackfill<{ id: number; tweet: string }> => ({
  name: SEARCH_TEXT_BACKFILL.name,
  select: (table, afterId, limit) =>
    store.query(`SELECT id, tweet FROM ${table} WHERE id > ? AND search_text IS NULL AND tweet <> '' ORDER BY id LIMIT ${limit}`, [afterId]),
  fill: async (tx, table, rows) => {
    let filled = 0;
    for (const row of rows) {
      const document = searchDocument(row.tweet);
      // A row the projector has written since it was read keeps what the projector wrote.
      const updated = await tx.execute(`UPDATE ${table} SET search_text = ? WHERE id = ? AND search_text IS NULL`, [document, row.id]);
      if (updated.affectedRows === 0) continue;
      filled += 1;
      if (store.dialect === 'sqlite') {
        await tx.execute(`INSERT INTO ${searchTableOf(table)} (rowid, search_text) VALUES (?, ?)`, [row.id, document]);
      } else {
        const terms = [...termsOf(document)];
        if (terms.length > 0) {
          await tx.execute(`INSERT INTO ${termsTableOf(table)} (term, id) VALUES ${terms.map((term) => `(${term}, ${Number(row.id)})`).join(', ')} ON DUPLICATE KEY UPDATE id = id`);
        }
      }
    }
    return filled;
  },
});

/**
 * Gives rows written before the search index their search document and terms, once per table: a table made by this
 * release, or filled once, is not read again (store/backfills.ts).
 */
export const backfillSearchText = (store: ReadStore, tweetsTable: string, options?: BackfillOptions): Promise<number> =>
  runBackfill(store, tweetsTable, searchTextBackfill(store), options);
