import type { ReadStore, SqlExecutor, SqlValue } from './read-store';
import type { SearchTerm } from './search';

/**
 * MySQL/MariaDB's word index: one row (term, id) per distinct key of a row's search document (store/search.ts),
 * primary key (term, id). A word search walks one term's ids newest first and stops at the page's last row: InnoDB's
 * FULLTEXT index answers a common word with every matching row and a sort of them all. SQLite's FTS5 table plays
 * this part on SQLite.
 */
export const termsTableOf = (tweetsTable: string): string => `${tweetsTable}_terms`;

/** Keys are ASCII (store/search.ts), at most 82 characters. */
export const createTermsTableSql = (table: string): string => `CREATE TABLE IF NOT EXISTS ${table} (
    term VARCHAR(84) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id INT NOT NULL,
    PRIMARY KEY (term, id)
  ) ENGINE=InnoDB`;

/** The distinct keys of a search document: the terms its row is indexed under. */
export const termsOf = (document: string | null): Set<string> => new Set((document ?? '').split(' ').filter((key) => key !== ''));

const PAIRS_PER_STATEMENT = 2000;
const IN_CHUNK = 500;

const byTermThenId = (a: [string, number], b: [string, number]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]);

const insertTerms = async (tx: SqlExecutor, table: string, unsorted: [string, number][]): Promise<void> => {
  // In primary-key order: each statement fills neighbouring index pages instead of one page per pair.
  const pairs = [...unsorted].sort(byTermThenId);
  for (let i = 0; i < pairs.length; i += PAIRS_PER_STATEMENT) {
    const chunk = pairs.slice(i, i + PAIRS_PER_STATEMENT);
    // A pair already there (a transaction run again after losing a race) is the same fact: it stays.
    await tx.execute(
      `INSERT INTO ${table} (term, id) VALUES ${chunk.map(() => '(?, ?)').join(', ')} ON DUPLICATE KEY UPDATE id = id`,
      chunk.flat(),
    );
  }
};

/** A row whose search document was just written, and the document it had before (null for a new row). */
export interface RetextedRow {
  tweetId: string;
  before: string | null;
}

/**
 * Brings the term rows of just-written rows in line with their search documents, on the projection's transaction:
 * new terms are inserted, terms the text no longer has are deleted.
 */
export const indexSearchTermsMysql = async (tx: SqlExecutor, tweetsTable: string, rows: RetextedRow[]): Promise<void> => {
  const table = termsTableOf(tweetsTable);
  const before = new Map(rows.map((row) => [row.tweetId, row.before]));
  const added: [string, number][] = [];
  for (let i = 0; i < rows.length; i += IN_CHUNK) {
    const chunk = rows.slice(i, i + IN_CHUNK).map((row) => row.tweetId);
    const written = await tx.query<{ id: number; tweet_id: string; search_text: string | null }>(
      `SELECT id, tweet_id, search_text FROM ${tweetsTable} WHERE tweet_id IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    for (const row of written) {
      const id = Number(row.id);
      const now = termsOf(row.search_text);
      const was = termsOf(before.get(row.tweet_id) ?? null);
      const gone = [...was].filter((term) => !now.has(term));
      if (gone.length > 0) await tx.execute(`DELETE FROM ${table} WHERE id = ? AND term IN (${gone.map(() => '?').join(', ')})`, [id, ...gone]);
      for (const term of now) if (!was.has(term)) added.push([term, id]);
    }
  }
  await insertTerms(tx, table, added);
};

const BACKFILL_ROWS = 2000;

/**
 * Fills a new terms table from the search documents its tweets table already holds (a database made before the
 * term index). It is filled under another name and renamed when complete, so a start that stops half way fills it
 * again from the beginning next time.
 */
export const createTermsTableMysql = async (store: ReadStore, tweetsTable: string): Promise<void> => {
  const table = termsTableOf(tweetsTable);
  if (await store.tableExists(table)) return;
  const filling = `${table}_filling`;
  await store.execute(`DROP TABLE IF EXISTS ${filling}`);
  await store.execute(createTermsTableSql(filling));
  for (let after = 0; ; ) {
    const rows = await store.query<{ id: number; search_text: string }>(
      `SELECT id, search_text FROM ${tweetsTable} WHERE id > ? AND search_text IS NOT NULL ORDER BY id LIMIT ${BACKFILL_ROWS}`,
      [after],
    );
    if (rows.length === 0) break;
    const pairs: [string, number][] = [];
    for (const row of rows) for (const term of termsOf(row.search_text)) pairs.push([term, Number(row.id)]);
    await store.transaction((tx) => insertTerms(tx, filling, pairs));
    after = Number(rows[rows.length - 1].id);
  }
  await store.execute(`RENAME TABLE ${filling} TO ${table}`);
};

/**
 * What a row must have for a word search, term by term: one of a word's keys; each key of a phrase (the phrase's
 * order is checked on the row's document).
 */
export const termRequirements = (terms: SearchTerm[]): string[][] =>
  terms.flatMap((term) => (term.kind === 'word' ? [term.keys] : term.keys.map((key) => [key])));

/** Conditions that a row (`t`, its id `idColumn`) has each of `requirements`' terms and each phrase of `terms`. */
const rowChecks = (table: string, terms: SearchTerm[], requirements: string[][], idColumn: string): { conditions: string[]; params: SqlValue[] } => {
  const conditions: string[] = [];
  const params: SqlValue[] = [];
  for (const keys of requirements) {
    // a scalar subquery, not EXISTS: MariaDB would turn EXISTS into a semi-join that reads the whole other term
    conditions.push(`(SELECT 1 FROM ${table} o WHERE o.term IN (${keys.map(() => '?').join(', ')}) AND o.id = ${idColumn} LIMIT 1) = 1`);
    params.push(...keys);
  }
  for (const term of terms) {
    if (term.kind !== 'phrase') continue;
    // keys are [a-z0-9] only: the phrase is the keys in order, whole, in the space-separated document
    conditions.push(`INSTR(CONCAT(' ', t.search_text, ' '), ?) > 0`);
    params.push(` ${term.keys.join(' ')} `);
  }
  return { conditions, params };
};

/**
 * A word search as conditions on the row `t`, for a query another index leads (the time-left order): each candidate
 * row is checked against the term index by primary-key probes.
 */
export const termConditionsSql = (tweetsTable: string, terms: SearchTerm[]): { conditions: string[]; params: SqlValue[] } =>
  rowChecks(termsTableOf(tweetsTable), terms, termRequirements(terms), 't.id');

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
 * checks each candidate row's lane, its other terms (primary-key probes) and its phrases; no sort of the matches.
 * A word with two keys (Devanagari and its Latin spelling) leading is two walks, merged.
 */
export const termWalkSql = (walk: TermWalk): { sql: string; params: SqlValue[] } => {
  const table = termsTableOf(walk.tweetsTable);
  const requirements = termRequirements(walk.terms);
  let lead = 0;
  walk.counts.forEach((count, i) => {
    if (count < walk.counts[lead]) lead = i;
  });
  const params: SqlValue[] = [];
  const branch = (key: string): string => {
    const where = ['d.term = ?', 't.id = d.id'];
    params.push(key);
    if (walk.before !== undefined) {
      where.push('d.id < ?');
      params.push(walk.before);
    }
    where.push(...walk.conditions);
    params.push(...walk.conditionParams);
    const checks = rowChecks(table, walk.terms, requirements.filter((_, i) => i !== lead), 'd.id');
    where.push(...checks.conditions);
    params.push(...checks.params);
    params.push(walk.limit);
    return `SELECT STRAIGHT_JOIN ${walk.columns} FROM ${table} d, ${walk.tweetsTable} t WHERE ${where.join(' AND ')} ORDER BY d.id DESC LIMIT ?`;
  };
  const keys = requirements[lead];
  if (keys.length === 1) return { sql: branch(keys[0]), params };
  // Each walk takes at most a page; the merge sorts at most a page per key.
  const branches = keys.map((key) => `(${branch(key)})`).join(' UNION ');
  params.push(walk.limit);
  return { sql: `SELECT * FROM (${branches}) m ORDER BY m.id DESC LIMIT ?`, params };
};
