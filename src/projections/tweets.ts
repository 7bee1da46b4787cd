import { CATEGORIES, type Category } from '../classify/types';
import type { ComplaintEvent } from '../events/complaint';
import type { SeekRequest } from '../eventlog/event-log';
import { isoFromSqlTime, type EncodedRows, type QueryKind, type ReadStore, type RowsEncoder, type SqlExecutor, type SqlValue } from '../store/read-store';
import { LIVE_TWEETS_TABLES, searchTableOf, type TweetsTables } from '../store/tweets-tables';
import { indexSearchTextSqlite } from '../store/search-index';
import { fts5Match, parseSearch, type SearchTerm } from '../store/search';
import { indexSearchTermsMysql, termConditionsSql, termCountsSql, termRequirements, termWalkSql } from '../store/search-terms';
import { freshOfSlices, saveCheckpoints, type FetchedSlice } from './checkpoints';
import { saveDeadLetters, type ProjectionDeadLetter } from './dead-letters';
import { addStats, statsDelta, zeroStats, type Stats } from './stats';
import { DEFAULT_RESPONSE_TARGETS, type ResponseTargets } from './first-response';
import { TWEET_COLUMNS, evolveTweet, type TweetRow } from './tweet-row';

export const TWEETS_PROJECTION = { name: 'tweets', version: 1 } as const;

export interface PositionedEvent {
  offset: number;
  event: ComplaintEvent;
}

export interface AppliedBatch {
  /** rows that changed, as written */
  rows: TweetRow[];
  stats: Stats;
  /** the events applied, in order (those below a stored checkpoint were applied before and are left out) */
  events: ComplaintEvent[];
}

const IN_CHUNK = 500;

/**
 * On MySQL rows are read FOR UPDATE: projector processes on other topics may write the same complaint's row. Ids are
 * locked in sorted order, so two transactions over overlapping complaints wait for each other instead of deadlocking.
 * The read goes through the tweet_id index: on a new or fast-growing table the optimizer would otherwise scan the
 * whole table, and a locking scan waits for every row other partitions' open transactions have inserted.
 */
const loadRows = async (store: ReadStore, tx: SqlExecutor, table: string, ids: string[]): Promise<Map<string, TweetRow>> => {
  const mysql = store.dialect === 'mysql';
  const index = mysql ? ' FORCE INDEX (idx_tweet_id)' : '';
  const lock = mysql ? ' FOR UPDATE' : '';
  const sorted = [...ids].sort();
  const rows = new Map<string, TweetRow>();
  for (let i = 0; i < sorted.length; i += IN_CHUNK) {
    const chunk = sorted.slice(i, i + IN_CHUNK);
    const found = await tx.query<TweetRow>(
      `SELECT ${TWEET_COLUMNS.join(', ')} FROM ${table}${index} WHERE tweet_id IN (${chunk.map(() => '?').join(', ')})${lock}`,
      chunk,
    );
    for (const row of found) rows.set(row.tweet_id, normaliseRow(row));
  }
  return rows;
};

/**
 * Numbers come back from MySQL as strings for BIGINT/DECIMAL; the pure code wants numbers. A row fresh from the
 * driver is normalised in place: a spread copy of its 57 columns is a dictionary-mode object in V8, ten times slower
 * to read afterwards (turning a page of 100 complaints into JSON took 2.3 ms instead of 0.23).
 */
const normaliseRow = <R extends TweetRow>(row: R): R => {
  row.pnr = row.pnr === null ? null : Number(row.pnr);
  row.prediction = row.prediction === null ? null : (Number(row.prediction) as 0 | 1);
  row.user_id = row.user_id === null ? null : Number(row.user_id);
  row.chat_id = row.chat_id === null ? null : Number(row.chat_id);
  row.latitude = row.latitude === null ? null : Number(row.latitude);
  row.longitude = row.longitude === null ? null : Number(row.longitude);
  row.response_status = Number(row.response_status) === 1 ? 1 : 0;
  row.confidence = row.confidence === null ? null : Number(row.confidence);
  row.priority = row.priority === null ? null : Number(row.priority);
  row.message_id = row.message_id === null ? null : Number(row.message_id);
  row.previous_prediction = row.previous_prediction === null ? null : (Number(row.previous_prediction) as 0 | 1);
  row.review = Number(row.review) === 1 ? 1 : 0;
  row.notes_count = Number(row.notes_count ?? 0);
  row.first_response_seconds = row.first_response_seconds === null || row.first_response_seconds === undefined ? null : Number(row.first_response_seconds);
  row.time = isoFromSqlTime(row.time);
  return row;
};

/** Updated rows grouped by the columns that changed (`tweet` is always sent: MySQL's TEXT has no default). */
const byChangedColumns = (updated: [TweetRow, TweetRow][]): [(keyof TweetRow)[], TweetRow[]][] => {
  const groups = new Map<string, [(keyof TweetRow)[], TweetRow[]]>();
  for (const [previous, row] of updated) {
    const changed = TWEET_COLUMNS.filter((c) => c !== 'tweet_id' && row[c] !== previous[c]);
    if (changed.length === 0) continue;
    const key = changed.join(',');
    const group = groups.get(key) ?? [changed, []];
    group[1].push(row);
    groups.set(key, group);
  }
  return [...groups.values()];
};

/** One partition's events as fetched, and the messages among them it could not read: they advance that partition's checkpoint to `nextOffset`. */
export type TweetSlice = FetchedSlice<PositionedEvent> & { deadLetters?: ProjectionDeadLetter[] };

export interface AppliedSlices {
  applied: AppliedBatch;
  /** the dead letters recorded (those below a stored checkpoint were recorded before and are left out) */
  deadLetters: ProjectionDeadLetter[];
  /** per slice, in order: a seek when the table is behind what the consumer wrote (a rebuild swapped it in) */
  seeks: (SeekRequest | null)[];
}

/**
 * Applies several partitions' events to the tweets read model inside `tx`: rows, stats and every advanced checkpoint
 * are written on the same transaction, and a complaint touched by several slices is written once. Events below a
 * stored checkpoint were applied before and are skipped; a slice whose table is behind is left out and answered with
 * a seek.
 */
export const applyTweetSlices = async (
  store: ReadStore,
  tx: SqlExecutor,
  tables: TweetsTables,
  slices: TweetSlice[],
  targets: ResponseTargets = DEFAULT_RESPONSE_TARGETS,
): Promise<AppliedSlices> => {
  const merged = slices.map((slice): FetchedSlice<PositionedEvent | ProjectionDeadLetter> => ({ ...slice, events: [...slice.events, ...(slice.deadLetters ?? [])] }));
  const { fresh, advanced, seeks } = await freshOfSlices(store, tx, tables.checkpoints, merged);
  if (advanced.length === 0) return { applied: { rows: [], stats: zeroStats(), events: [] }, deadLetters: [], seeks };
  const deadLetters = fresh.filter((f): f is ProjectionDeadLetter => 'code' in f);
  if (deadLetters.length > 0) await saveDeadLetters(store, tx, TWEETS_PROJECTION.name, deadLetters, new Date().toISOString());
  await saveCheckpoints(store, tx, tables.checkpoints, advanced);
  const events = fresh.flatMap((f) => ('event' in f ? [f.event] : []));
  return { applied: await applyTweetEvents(store, tx, tables, events, targets), deadLetters, seeks };
};

/**
 * Applies events to the tweets rows and stats inside `tx` (checkpoints are the caller's): a complaint touched by
 * several events is read and written once.
 */
export const applyTweetEvents = async (
  store: ReadStore,
  tx: SqlExecutor,
  tables: Pick<TweetsTables, 'tweets' | 'stats'>,
  fresh: ComplaintEvent[],
  targets: ResponseTargets = DEFAULT_RESPONSE_TARGETS,
): Promise<AppliedBatch> => {
  const before = await loadRows(store, tx, tables.tweets, [...new Set(fresh.map((e) => e.data.complaintId))]);
  const after = new Map(before);
  for (const event of fresh) {
    const id = event.data.complaintId;
    after.set(id, evolveTweet(after.get(id) ?? null, event, targets));
  }

  const added: TweetRow[] = [];
  const updated: [TweetRow, TweetRow][] = [];
  let delta = zeroStats();
  for (const [id, row] of after) {
    const previous = before.get(id) ?? null;
    if (row === previous) continue;
    if (previous === null) added.push(row);
    else updated.push([previous, row]);
    delta = addStats(delta, statsDelta(previous, row));
  }
  const values = (rows: TweetRow[], columns: (keyof TweetRow)[]) =>
    rows.map((row) => columns.map((c) => (c === 'time' ? store.sqlTime(row.time) : (row[c] as SqlValue))));
  // Rows read above are locked until the commit; a new row inserted meanwhile by another transaction makes this one
  // run again (it then reads that row), so no write is ever lost.
  if (added.length > 0) await store.insert(tx, { table: tables.tweets, columns: TWEET_COLUMNS, rows: values(added, TWEET_COLUMNS) });
  // An existing row gets only its changed columns (a classification changes a few of its 47).
  for (const [changed, rows] of byChangedColumns(updated)) {
    const columns: (keyof TweetRow)[] = ['tweet_id', 'tweet', ...changed.filter((c) => c !== 'tweet')];
    await store.upsert(tx, { table: tables.tweets, columns, rows: values(rows, columns), key: ['tweet_id'], update: changed });
  }
  const changed = [...added, ...updated.map(([, row]) => row)];
  const retexted = updated.filter(([previous, row]) => previous.search_text !== row.search_text);
  if (store.dialect === 'sqlite') {
    await indexSearchTextSqlite(tx, tables.tweets, { tweetIds: added.map((row) => row.tweet_id), replacing: false });
    await indexSearchTextSqlite(tx, tables.tweets, { tweetIds: retexted.map(([, row]) => row.tweet_id), replacing: true });
  } else {
    await indexSearchTermsMysql(tx, tables.tweets, [
      ...added.filter((row) => row.search_text).map((row) => ({ tweetId: row.tweet_id, before: null, after: row.search_text })),
      ...retexted.map(([previous, row]) => ({ tweetId: row.tweet_id, before: previous.search_text, after: row.search_text })),
    ]);
  }
  // The one stats row is shared by every partition: update it last, so its lock is held only until the commit.
  if (changed.length > 0) {
    await tx.execute(
      `UPDATE ${tables.stats} SET total_tweets = total_tweets + ?, emergency_count = emergency_count + ?,
       feedback_count = feedback_count + ?, responded_count = responded_count + ?, pending_count = pending_count + ?,
       review_count = review_count + ? WHERE id = 1`,
      [delta.total, delta.emergency, delta.feedback, delta.responded, delta.pending, delta.review],
    );
  }
  return { rows: changed, stats: delta, events: fresh };
};

// ---- queries ----

export const TWEET_FILTERS = ['all', 'emergency', 'review', 'feedback', 'open', 'mine'] as const;
/**
 * emergency: prediction 1; review: Feedback the model flagged for a person (the "Needs review" lane); feedback:
 * prediction 0; open: every status but `resolved`; mine: open and assigned to the admin asking.
 */
export type TweetFilter = (typeof TWEET_FILTERS)[number];

/** newest: every complaint by id, newest first; due: those waiting for a first response, least time left first */
export const TWEET_SORTS = ['newest', 'due'] as const;
export type TweetSort = (typeof TWEET_SORTS)[number];

export interface TweetQuery {
  filter: TweetFilter;
  limit: number;
  q?: string;
  sort?: TweetSort;
  /** newest: the `id` of the last row of the previous page */
  before?: number;
  /** the admin asking: `mine` lists what is assigned to them */
  admin?: string;
  /** due: the `waiting_due_at` and `id` of the last row of the previous page */
  after?: { due: string; id: number };
  /** received in [from, to) (ISO 8601 instants; an end not given is open) */
  received?: { from?: string; to?: string };
}

export type StoredTweet = TweetRow & { id: number };

/** What queries read back: every column but the search document, which only the full-text index reads. */
const READ_COLUMNS = ['id', ...TWEET_COLUMNS.filter((c) => c !== 'search_text')];
const STORED_COLUMNS = READ_COLUMNS.join(', ');

/** A row as read back (numbers as numbers, times as ISO 8601), normalised in place. */
export const storedTweet = (row: StoredTweet): StoredTweet => {
  const stored = normaliseRow(row);
  stored.id = Number(row.id);
  stored.search_text = row.search_text ?? null;
  return stored;
};

/**
 * Open is written as `status <> 'resolved'` everywhere: SQLite's partial index of open rows (store/migrations.ts) is
 * used only for a query with that very term.
 */
const OPEN = "t.status <> 'resolved'";

const FILTERS: Record<TweetFilter, (admin: string | undefined) => { where: string[]; params: SqlValue[] }> = {
  all: () => ({ where: [], params: [] }),
  emergency: () => ({ where: ['t.prediction = 1'], params: [] }),
  review: () => ({ where: ['t.review = 1', 't.prediction = 0'], params: [] }),
  feedback: () => ({ where: ['t.prediction = 0'], params: [] }),
  open: () => ({ where: [OPEN], params: [] }),
  mine: (admin) => {
    if (admin === undefined) throw new Error('the mine filter needs the admin asking');
    return { where: ['t.assigned_to = ?', OPEN], params: [admin] };
  },
};

const LISTED_COLUMNS = READ_COLUMNS.map((c) => `t.${c}`).join(', ');

/** How a page is read: one SELECT, nothing (no row can match), or a word search's walk on MySQL. */
type PageSelect = { kind: 'select'; sql: string; params: SqlValue[]; queryKind: QueryKind };
type PageRead = PageSelect | { kind: 'none' } | { kind: 'terms'; terms: SearchTerm[]; where: string[]; params: SqlValue[] };

/**
 * A page of complaints, newest first. A search is an exact lookup through an index (PNR, reference, complaint id,
 * train, @username) or words through the full-text index (store/search.ts); no request scans the table's text.
 */
export const listTweets = async (store: ReadStore, query: TweetQuery, table = LIVE_TWEETS_TABLES.tweets): Promise<StoredTweet[]> => {
  const read = await pageSelect(store, query, table);
  if (read === null) return [];
  // Only words can run long (an exact lookup reads its index): they run under the store's search time limit.
  const rows = read.queryKind === 'search' ? await store.searchQuery<StoredTweet>(read.sql, read.params) : await store.query<StoredTweet>(read.sql, read.params);
  return rows.map(storedTweet);
};

/**
 * The page listTweets reads, as `encoder` answers it (`storedTweet` is the encoder's to apply). The store's reader
 * threads encode it; a lookup of one complaint (PNR, reference, id) is read inline.
 */
export const listTweetsEncoded = async <S>(
  store: ReadStore,
  query: TweetQuery,
  encoder: RowsEncoder<S>,
  table = LIVE_TWEETS_TABLES.tweets,
): Promise<EncodedRows<S>> => {
  const read = await pageSelect(store, query, table);
  if (read !== null) return store.queryEncoded(read.sql, read.params, encoder, read.queryKind);
  const { json, summary } = encoder.encode([]);
  return { body: Buffer.from(json), summary };
};

/** The SELECT that reads the page, or null when no row can match. */
const pageSelect = async (store: ReadStore, query: TweetQuery, table: string): Promise<PageSelect | null> => {
  const read = pageRead(store, query, table);
  if (read.kind === 'terms') return termWalkMysql(store, table, read.terms, query, read.where, read.params);
  return read.kind === 'none' ? null : read;
};

const pageRead = (store: ReadStore, query: TweetQuery, table: string): PageRead => {
  const where: string[] = ['t.received_event_id IS NOT NULL'];
  const params: SqlValue[] = [];
  const search = parseSearch(query.q ?? '');
  // With a search, the search's index leads; a unary + keeps SQLite from reading through the filter's index instead
  // (on MySQL it is plain arithmetic).
  const filter = FILTERS[query.filter](query.admin);
  for (const condition of filter.where) where.push(search.kind === 'none' ? condition : `+${condition}`);
  params.push(...filter.params);
  if (query.received?.from !== undefined) {
    where.push('t.received_at >= ?');
    params.push(query.received.from);
  }
  if (query.received?.to !== undefined) {
    where.push('t.received_at < ?');
    params.push(query.received.to);
  }
  let from = `${table} t`;
  let order = 't.id';
  switch (search.kind) {
    case 'none':
      // Text with nothing searchable in it (only punctuation or operators) matches nothing.
      if (query.q && query.q.trim() !== '') return { kind: 'none' };
      break;
    case 'pnr':
      where.push('t.pnr = ?');
      params.push(search.pnr);
      break;
    case 'reference':
      where.push('t.reference = ?');
      params.push(search.reference);
      break;
    case 'id':
      where.push('t.tweet_id = ?');
      params.push(search.id);
      break;
    case 'train':
      where.push('t.train = ?');
      params.push(search.train);
      break;
    case 'username':
      where.push('t.username = ?');
      params.push(search.username);
      break;
    case 'words':
      if (store.dialect === 'sqlite') {
        // Driven by the full-text table in rowid order, so a common word stops at the page's last row.
        // CROSS JOIN: SQLite keeps the full-text table as the outer loop.
        from = `${searchTableOf(table)} s CROSS JOIN ${table} t ON t.id = s.rowid`;
        order = 's.rowid';
        where.push('s.search_text MATCH ?');
        params.push(fts5Match(search.terms));
      } else if (query.sort === 'due') {
        // By time left the (waiting_due_at, id) index leads (its rows are the few still waiting); each is checked.
        const terms = termConditionsSql(search.terms);
        where.push(...terms.conditions);
        params.push(...terms.params);
      } else {
        return { kind: 'terms', terms: search.terms, where, params };
      }
      break;
    default: {
      const unknown: never = search;
      throw new Error(`unhandled search ${JSON.stringify(unknown)}`);
    }
  }
  let orderBy = `${order} DESC`;
  if (query.sort === 'due') {
    // Read in the order of the (waiting_due_at, id) index; a row leaves it at its first response.
    where.push('t.waiting_due_at IS NOT NULL');
    if (query.after !== undefined) {
      where.push('(t.waiting_due_at > ? OR (t.waiting_due_at = ? AND t.id > ?))');
      params.push(query.after.due, query.after.due, query.after.id);
    }
    orderBy = 't.waiting_due_at, t.id';
  } else if (query.before !== undefined) {
    where.push(`${order} < ?`);
    params.push(query.before);
  }
  params.push(query.limit);
  const sql = `SELECT ${LISTED_COLUMNS} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT ?`;
  // By time left, SQLite may walk the waiting index instead of the key's: that one is no key read.
  const keyRead = KEY_SEARCHES.has(search.kind) && query.sort !== 'due';
  const queryKind: QueryKind = search.kind === 'words' ? 'search' : keyRead ? 'key' : 'plain';
  return { kind: 'select', sql, params, queryKind };
};

/** Searches that name one complaint, or a passenger's few: an index's key reads them, however large the table. */
const KEY_SEARCHES = new Set(['pnr', 'reference', 'id']);

/**
 * A page of complaints by received time, newest first, within a range (ISO instants, [from, to); an end not given is
 * open): the export's order. It reads the received_at index in order (the index holds the id too), and the cursor,
 * the last row's received time and id, is a bound on that index, so every page is one short index range.
 */
export const listTweetsByReceived = async (
  store: ReadStore,
  query: {
    filter: TweetFilter;
    limit: number;
    received: { from?: string; to?: string };
    after?: { receivedAt: string; id: number };
    /** the admin asking: `mine` exports what is assigned to them */
    admin?: string;
  },
  table = LIVE_TWEETS_TABLES.tweets,
): Promise<StoredTweet[]> => {
  const filter = FILTERS[query.filter](query.admin);
  const where = ['t.received_event_id IS NOT NULL', 't.received_at IS NOT NULL', ...filter.where];
  const params: SqlValue[] = [...filter.params];
  if (query.received.from !== undefined) {
    where.push('t.received_at >= ?');
    params.push(query.received.from);
  }
  if (query.received.to !== undefined) {
    where.push('t.received_at < ?');
    params.push(query.received.to);
  }
  if (query.after !== undefined) {
    where.push('t.received_at <= ?', 'NOT (t.received_at = ? AND t.id >= ?)');
    params.push(query.after.receivedAt, query.after.receivedAt, query.after.id);
  }
  params.push(query.limit);
  const rows = await store.query<StoredTweet>(
    `SELECT ${LISTED_COLUMNS} FROM ${table} t WHERE ${where.join(' AND ')} ORDER BY t.received_at DESC, t.id DESC LIMIT ?`,
    params,
  );
  return rows.map(storedTweet);
};

/**
 * Words on MySQL: the rarest term's index entries walked newest first (store/search-terms.ts); null when a word is in
 * no complaint.
 */
const termWalkMysql = async (
  store: ReadStore,
  table: string,
  terms: SearchTerm[],
  query: TweetQuery,
  conditions: string[],
  conditionParams: SqlValue[],
): Promise<PageSelect | null> => {
  // With one requirement (one word, in one or two scripts) there is nothing to choose: no counting.
  let counts = [0];
  if (termRequirements(terms).length > 1) {
    const counting = termCountsSql(table, terms);
    const [counted] = await store.searchQuery<Record<string, number>>(counting.sql, counting.params);
    counts = Object.keys(counted).map((_, i) => Number(counted[`n${i}`]));
    if (counts.some((count) => count === 0)) return null;
  }
  const walk = termWalkSql({ tweetsTable: table, terms, counts, conditions, conditionParams, before: query.before, limit: query.limit, columns: LISTED_COLUMNS });
  return { kind: 'select', sql: walk.sql, params: walk.params, queryKind: 'search' };
};

export const findTweet = async (store: ReadStore, tweetId: string, table = LIVE_TWEETS_TABLES.tweets): Promise<StoredTweet | null> => {
  const rows = await store.keyQuery<StoredTweet>(
    `SELECT ${STORED_COLUMNS} FROM ${table} WHERE tweet_id = ? OR reference = ?`,
    [tweetId, tweetId.toUpperCase()],
  );
  return rows[0] ? storedTweet(rows[0]) : null;
};

/** Complaints whose label an admin corrected: training rows for the next model. */
export const adminCorrections = async (store: ReadStore): Promise<{ text: string; emergency: 0 | 1; category: Category }[]> => {
  const rows = await store.query<{ tweet: string; prediction: number; category: string }>(
    `SELECT tweet, prediction, category FROM ${LIVE_TWEETS_TABLES.tweets} WHERE relabeled_at IS NOT NULL AND tweet <> ''`,
  );
  return rows
    .filter((r) => (CATEGORIES as readonly string[]).includes(r.category))
    .map((r) => ({ text: r.tweet, emergency: Number(r.prediction) === 1 ? 1 : 0, category: r.category as Category }));
};

/** A passenger's complaints in a chat, newest first. */
export const listTweetsOfChat = async (store: ReadStore, chatId: number, limit: number): Promise<StoredTweet[]> => {
  const rows = await store.query<StoredTweet>(
    `SELECT ${STORED_COLUMNS} FROM ${LIVE_TWEETS_TABLES.tweets}
     WHERE chat_id = ? AND received_event_id IS NOT NULL ORDER BY received_at DESC, id DESC LIMIT ?`,
    [chatId, limit],
  );
  return rows.map(storedTweet);
};

/** The passenger's latest complaint that has no response yet. */
export const latestOpenTweetOfChat = async (store: ReadStore, chatId: number): Promise<StoredTweet | null> => {
  const rows = await store.query<StoredTweet>(
    `SELECT ${STORED_COLUMNS} FROM ${LIVE_TWEETS_TABLES.tweets}
     WHERE chat_id = ? AND received_event_id IS NOT NULL AND response_status = 0 ORDER BY received_at DESC, id DESC LIMIT 1`,
    [chatId],
  );
  return rows[0] ? storedTweet(rows[0]) : null;
};

export const findTweetsByIds = async (store: ReadStore, tweetIds: string[], table = LIVE_TWEETS_TABLES.tweets): Promise<StoredTweet[]> => {
  if (tweetIds.length === 0) return [];
  const rows: StoredTweet[] = [];
  for (let i = 0; i < tweetIds.length; i += IN_CHUNK) {
    const chunk = tweetIds.slice(i, i + IN_CHUNK);
    const found = await store.query<StoredTweet>(
      `SELECT ${STORED_COLUMNS} FROM ${table} WHERE tweet_id IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    rows.push(...found.map(storedTweet));
  }
  return rows;
};

export const readStats = async (store: ReadStore, table = LIVE_TWEETS_TABLES.stats): Promise<Stats> => {
  const rows = await store.keyQuery<Record<string, number>>(
    `SELECT total_tweets, emergency_count, feedback_count, responded_count, pending_count, review_count FROM ${table} WHERE id = 1`,
  );
  const row = rows[0];
  if (!row) return zeroStats();
  return {
    total: Number(row.total_tweets),
    emergency: Number(row.emergency_count),
    feedback: Number(row.feedback_count),
    responded: Number(row.responded_count),
    pending: Number(row.pending_count),
    review: Number(row.review_count),
  };
};

/** The stats recounted from the rows: what the stats read model must always equal. */
export const recountStats = async (store: ReadStore, table = LIVE_TWEETS_TABLES.tweets): Promise<Stats> => {
  const rows = await store.query<Record<string, number | null>>(
    `SELECT COUNT(*) AS total,
            SUM(CASE WHEN prediction = 1 THEN 1 ELSE 0 END) AS emergency,
            SUM(CASE WHEN prediction = 0 THEN 1 ELSE 0 END) AS feedback,
            SUM(CASE WHEN response_status = 1 THEN 1 ELSE 0 END) AS responded,
            SUM(CASE WHEN prediction = 0 AND review = 1 THEN 1 ELSE 0 END) AS review
     FROM ${table} WHERE received_event_id IS NOT NULL`,
  );
  const r = rows[0];
  const total = Number(r.total ?? 0);
  const responded = Number(r.responded ?? 0);
  return {
    total,
    emergency: Number(r.emergency ?? 0),
    feedback: Number(r.feedback ?? 0),
    responded,
    pending: total - responded,
    review: Number(r.review ?? 0),
  };
};
