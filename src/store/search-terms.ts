import type { ReadStore, SqlExecutor, SqlValue } from './read-store';
import { indexedKey, type SearchTerm } from './search';

/**
 * MySQL/MariaDB's word index: one row (term, id) per distinct indexed key of a row's search document
 * (store/search.ts), primary key (term, id), the key as a 53-bit hash. A word search walks one term's ids newest first
 * and stops at the page's last row: InnoDB's FULLTEXT index answers a common word with every matching row and a sort
 * of them all. Two keys may share a hash, so every word is checked again on the row's document. SQLite's FTS5 table
 * plays this part on SQLite.
 */
export const termsTableOf = (tweetsTable: string): string => `${tweetsTable}_terms`;

/** An integer key keeps the index's rows small (12 bytes of key) and their comparisons cheap. */
export const createTermsTableSql = (table: string): string => `CREATE TABLE IF NOT EXISTS ${table} (
    term BIGINT NOT NULL,
    id INT NOT NULL,
    PRIMARY KEY (term, id)
  ) ENGINE=InnoDB`;

/**
 * A key's entry in the term table: cyrb53 (bryc, public domain), 53 bits, exact as a JavaScript number and a BIGINT.
 * Stored in the table: changing it means refilling every term table.
 */
export const termHash = (key: string): number => {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
};

/** The term table entries of a search document: each distinct indexed key (a Devanagari word once, in Latin) hashed. */
export const termsOf = (document: string | null): Set<number> => {
  const terms = new Set<number>();
  if (document) for (const key of document.split(' ')) if (key !== '') terms.add(termHash(indexedKey(key)));
  return terms;
};

/** (term, id) pairs, flat: term at even places, its row id after it. */
type Pairs = number[];

/** Pairs per statement: about 24 bytes each, so a statement stays far below max_allowed_packet. */
const PAIRS_PER_STATEMENT = 20_000;
const IN_CHUNK = 500;

/** The pairs in primary-key order, as SQL literals (integers need no escaping, and no placeholder is formatted). */
export const sortedTermRows = (pairs: Pairs): string[] => {
  const order = Array.from({ length: pairs.length / 2 }, (_, i) => 2 * i);
  order.sort((a, b) => pairs[a] - pairs[b] || pairs[a + 1] - pairs[b + 1]);
  return order.map((at) => `(${pairs[at]},${pairs[at + 1]})`);
};

const insertTerms = async (tx: SqlExecutor, table: string, pairs: Pairs): Promise<void> => {
  // In primary-key order: each statement fills neighbouring index pages instead of one page per pair.
  const rows = sortedTermRows(pairs);
  for (let i = 0; i < rows.length; i += PAIRS_PER_STATEMENT) {
    // A pair already there (a transaction run again after losing a race) is the same fact: it stays.
    await tx.execute(`INSERT INTO ${table} (term, id) VALUES ${rows.slice(i, i + PAIRS_PER_STATEMENT).join(',')} ON DUPLICATE KEY UPDATE id = id`);
  }
};

/** A row whose search document was just written: its document before (null for a new row) and now. */
export interface RetextedRow {
  tweetId: string;
  before: string | null;
  after: string | null;
}

/**
 * Brings the term rows of just-written rows in line with their search documents, on the projection's transaction:
 * new terms are inserted, terms the text no longer has are deleted.
 */
export const indexSearchTermsMysql = async (tx: SqlExecutor, tweetsTable: string, rows: RetextedRow[]): Promise<void> => {
  const table = termsTableOf(tweetsTable);
  const byTweetId = new Map(rows.map((row) => [row.tweetId, row]));
  const added: Pairs = [];
  for (let i = 0; i < rows.length; i += IN_CHUNK) {
    const chunk = rows.slice(i, i + IN_CHUNK).map((row) => row.tweetId);
    // Only the row ids are read back: a new row's id is the table's.
    const written = await tx.query<{ id: number; tweet_id: string }>(
      `SELECT id, tweet_id FROM ${tweetsTable} WHERE tweet_id IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    for (const row of written) {
      const id = Number(row.id);
      const retexted = byTweetId.get(row.tweet_id);
      if (retexted === undefined) continue;
      const now = termsOf(retexted.after);
      const was = termsOf(retexted.before);
      const gone = [...was].filter((term) => !now.has(term));
      if (gone.length > 0) await tx.execute(`DELETE FROM ${table} WHERE id = ? AND term IN (${gone.join(', ')})`, [id]);
      for (const term of now) if (!was.has(term)) added.push(term, id);
    }
  }
  await insertTerms(tx, table, added);
};

const BACKFILL_ROWS = 2000;

/** A term table of the first layout: the key as text (VARCHAR), one entry per key of the document. */
const isTextKeyed = async (store: ReadStore, table: string): Promise<boolean> => {
  const rows = await store.query<{ type: string }>(
    "SELECT data_type AS type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? AND column_name = 'term'",
    [table],
  );
  return rows.length > 0 && !/int/i.test(rows[0].type);
};

/**
 * Fills a new terms table from the search documents its tweets table already holds (a database made before the
 * term index, or before its integer keys). It is filled under another name and swapped in when complete, so a start
 * that stops half way fills it again from the beginning next time; a table of the text-keyed layout is replaced in
 * the same rename.
 */
export const createTermsTableMysql = async (store: ReadStore, tweetsTable: string): Promise<void> => {
  const table = termsTableOf(tweetsTable);
  const exists = await store.tableExists(table);
  if (exists && !(await isTextKeyed(store, table))) return;
  const filling = `${table}_filling`;
  await store.execute(`DROP TABLE IF EXISTS ${filling}`);
  await store.execute(createTermsTableSql(filling));
  for (let after = 0; ; ) {
    const rows = await store.query<{ id: number; search_text: string }>(
      `SELECT id, search_text FROM ${tweetsTable} WHERE id > ? AND search_text IS NOT NULL ORDER BY id LIMIT ${BACKFILL_ROWS}`,
      [after],
    );
    if (rows.length === 0) break;
    const pairs: Pairs = [];
    for (const row of rows) for (const term of termsOf(row.search_text)) pairs.push(term, Number(row.id));
    await store.transaction((tx) => insertTerms(tx, filling, pairs));
    after = Number(rows[rows.length - 1].id);
  }
  if (!exists) {
    await store.execute(`RENAME TABLE ${filling} TO ${table}`);
    return;
  }
  const retired = `${table}_text_keyed`;
  await store.execute(`DROP TABLE IF EXISTS ${retired}`);
  await store.execute(`RENAME TABLE ${table} TO ${retired}, ${filling} TO ${table}`);
  await store.execute(`DROP TABLE ${retired}`);
};

/**
 * What a row must have in the term table for a word search, term by term: one of a word's indexed keys (a
 * Devanagari word and its Latin spelling are one); each key of a phrase. Hashed, so only a start: every term is
 * checked on the row's document too (termChecks).
 */
export const termRequirements = (terms: SearchTerm[]): number[][] =>
  terms.flatMap((term) =>
    term.kind === 'word' ? [[...new Set(term.keys.map((key) => termHash(indexedKey(key))))]] : term.keys.map((key) => [termHash(indexedKey(key))]),
  );

/**
 * Conditions that the row `t` has every term in its document: a word (one of its keys, whole), a phrase (its keys
 * in order). The document is read with the row, so a candidate costs no other read, and a hash shared by two keys
 * never lets a row through.
 */
const termChecks = (terms: SearchTerm[]): { conditions: string[]; params: SqlValue[] } => {
  const conditions: string[] = [];
  const params: SqlValue[] = [];
  // keys are [a-z0-9] only: a word or phrase is its keys, whole, in the space-separated document
  const holds = "INSTR(CONCAT(' ', t.search_text, ' '), ?) > 0";
  for (const term of terms) {
    if (term.kind === 'phrase') {
      conditions.push(holds);
      params.push(` ${term.keys.join(' ')} `);
    } else {
      conditions.push(term.keys.length === 1 ? holds : `(${term.keys.map(() => holds).join(' OR ')})`);
      params.push(...term.keys.map((key) => ` ${key} `));
    }
  }
  return { conditions, params };
};

/** A word search as conditions on the row `t`, for a query another index leads (the time-left order). */
export const termConditionsSql = (terms: SearchTerm[]): { conditions: string[]; params: SqlValue[] } => termChecks(terms);

/** Counting stops here: beyond it a term is common, and which common term leads matters little. */
const COUNT_CAP = 2000;

/** One statement that counts each requirement's rows up to COUNT_CAP. */
export const termCountsSql = (tweetsTable: string, terms: SearchTerm[]): { sql: string; params: SqlValue[] } => {
  const table = termsTableOf(tweetsTable);
  const requirements = termRequirements(terms);
  const params: SqlValue[] = [];
  const counts = requirements.map((keys, i) => {
    params.push(...keys);
    return `(SELECT COUNT(*) FROM (SELECT 1 FROM ${table} WHERE term IN (${keys.map(() => '?').join(', ')}) LIMIT ${COUNT_CAP}) c${i}) AS n${i}`;
  });
  return { sql: `SELECT ${counts.join(', ')}`, params };
};

export interface TermWalk {
  tweetsTable: string;
  terms: SearchTerm[];
  /** the count of each requirement (termCountsSql's answer, in order) */
  counts: number[];
  /** conditions on the row `t` (the lane), with their parameters */
  conditions: string[];
  conditionParams: SqlValue[];
  before?: number;
  limit: number;
  /** the row columns to answer, on `t` */
  columns: string;
}

/**
 * A word search that stops at a page: walks the rarest requirement's (term, id) newest first, from `before`, and
 * checks each candidate row's lane and its words and phrases on its document; no sort of the matches. A word whose
 * Devanagari key was cut short leads with two walks, merged.
 */
export const termWalkSql = (walk: TermWalk): { sql: string; params: SqlValue[] } => {
  const table = termsTableOf(walk.tweetsTable);
  const requirements = termRequirements(walk.terms);
  let lead = 0;
  walk.counts.forEach((count, i) => {
    if (count < walk.counts[lead]) lead = i;
  });
  const checks = termChecks(walk.terms);
  const params: SqlValue[] = [];
  const branch = (term: number): string => {
    const where = ['d.term = ?', 't.id = d.id'];
    params.push(term);
    if (walk.before !== undefined) {
      where.push('d.id < ?');
      params.push(walk.before);
    }
    where.push(...walk.conditions, ...checks.conditions);
    params.push(...walk.conditionParams, ...checks.params, walk.limit);
    return `SELECT STRAIGHT_JOIN ${walk.columns} FROM ${table} d, ${walk.tweetsTable} t WHERE ${where.join(' AND ')} ORDER BY d.id DESC LIMIT ?`;
  };
  const keys = requirements[lead];
  if (keys.length === 1) return { sql: branch(keys[0]), params };
  // Each walk takes at most a page; the merge sorts at most a page per key.
  const branches = keys.map((key) => `(${branch(key)})`).join(' UNION ');
  params.push(walk.limit);
  return { sql: `SELECT * FROM (${branches}) m ORDER BY m.id DESC LIMIT ?`, params };
};
