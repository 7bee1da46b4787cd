import type { ReadStore, SqlExecutor } from './read-store';
import { searchDocument } from './search';
import { termsOf, termsTableOf } from './search-terms';
import { searchTableOf } from './tweets-tables';

const IN_CHUNK = 500;
const BACKFILL_BATCH = 1000;

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

/** Gives rows written before the search index (or by the original design's SQL) their search document and terms. */
export const backfillSearchText = async (store: ReadStore, tweetsTable: string): Promise<number> => {
  let filled = 0;
  for (;;) {
    const rows = await store.query<{ id: number; tweet: string }>(
      `SELECT id, tweet FROM ${tweetsTable} WHERE search_text IS NULL AND tweet <> '' ORDER BY id LIMIT ${BACKFILL_BATCH}`,
    );
    if (rows.length === 0) return filled;
    await store.transaction(async (tx) => {
      for (const row of rows) {
        const document = searchDocument(row.tweet);
        await tx.execute(`UPDATE ${tweetsTable} SET search_text = ? WHERE id = ?`, [document, row.id]);
        if (store.dialect === 'sqlite') {
          await tx.execute(`INSERT INTO ${searchTableOf(tweetsTable)} (rowid, search_text) VALUES (?, ?)`, [row.id, document]);
        } else {
          const terms = [...termsOf(document)];
          if (terms.length > 0) {
            await tx.execute(`INSERT INTO ${termsTableOf(tweetsTable)} (term, id) VALUES ${terms.map((term) => `(${term}, ${Number(row.id)})`).join(', ')} ON DUPLICATE KEY UPDATE id = id`);
          }
        }
      }
    });
    filled += rows.length;
  }
};
