import { migrateAdminSecurity } from './admin-migrations';
import { addTweetsIndexesMysql, createTweetsTablesMysql, migrateMysql } from './mysql-migrations';
import type { ReadStore } from './read-store';
import { ensureIndex } from './indexes';
import { backfillSearchText } from './search-index';
import { recordTweetsTableChange } from './tweets-backfills';
import { upgradeStatusesSql } from './tweets-tables';
import { LIVE_TWEETS_TABLES, searchTableOf, type CreateTweetsOptions, type TweetsTables } from './tweets-tables';

export { LIVE_TWEETS_TABLES, searchTableOf, type CreateTweetsOptions, type TweetsTables } from './tweets-tables';

/** The original design's `tweets` columns first, then the project's additions. */
const tweetsColumnsSqlite = `
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tweet TEXT NOT NULL DEFAULT '',
  username TEXT,
  pnr INTEGER,
  prediction INTEGER DEFAULT 0,
  tweet_id TEXT UNIQUE,
  user_id INTEGER,
  chat_id INTEGER,
  source TEXT DEFAULT 'Telegram',
  latitude REAL,
  longitude REAL,
  time TEXT DEFAULT CURRENT_TIMESTAMP,
  response_status INTEGER DEFAULT 0,
  response TEXT,
  reference TEXT,
  first_name TEXT,
  last_name TEXT,
  contact TEXT,
  category TEXT,
  confidence REAL,
  priority INTEGER,
  model_version TEXT,
  keywords TEXT,
  language TEXT,
  train TEXT,
  coach TEXT,
  berth TEXT,
  status TEXT NOT NULL DEFAULT 'received',
  received_at TEXT,
  classified_at TEXT,
  responded_at TEXT,
  responded_by TEXT,
  received_event_id TEXT,
  classified_event_id TEXT,
  response_event_id TEXT,
  updated_at TEXT,
  photo_file_id TEXT,
  message_id INTEGER,
  amended_at TEXT,
  located_at TEXT,
  delivery_status TEXT,
  delivery_error TEXT,
  delivered_at TEXT,
  previous_prediction INTEGER,
  previous_category TEXT,
  previous_model_version TEXT,
  relabeled_by TEXT,
  relabeled_at TEXT,
  review INTEGER NOT NULL DEFAULT 0,
  search_text TEXT,
  workflow_status TEXT,
  workflow_at TEXT,
  acknowledged_at TEXT,
  acknowledged_by TEXT,
  assigned_to TEXT,
  assigned_at TEXT,
  assigned_by TEXT,
  resolved_at TEXT,
  resolved_by TEXT,
  reopened_at TEXT,
  reopened_by TEXT,
  notes_count INTEGER NOT NULL DEFAULT 0,
  last_note TEXT,
  last_note_by TEXT,
  last_note_at TEXT,
  first_response_at TEXT,
  first_response_seconds REAL,
  due_at TEXT,
  waiting_due_at TEXT`;

/** Columns added after the first release: added in place to existing tables. */
const addedTweetsColumnsSqlite: [string, string][] = [
  ['photo_file_id', 'TEXT'],
  ['message_id', 'INTEGER'],
  ['amended_at', 'TEXT'],
  ['located_at', 'TEXT'],
  ['delivery_status', 'TEXT'],
  ['delivery_error', 'TEXT'],
  ['delivered_at', 'TEXT'],
  ['previous_prediction', 'INTEGER'],
  ['previous_category', 'TEXT'],
  ['previous_model_version', 'TEXT'],
  ['relabeled_by', 'TEXT'],
  ['relabeled_at', 'TEXT'],
  ['review', 'INTEGER NOT NULL DEFAULT 0'],
  ['search_text', 'TEXT'],
  ['workflow_status', 'TEXT'],
  ['workflow_at', 'TEXT'],
  ['acknowledged_at', 'TEXT'],
  ['acknowledged_by', 'TEXT'],
  ['assigned_to', 'TEXT'],
  ['assigned_at', 'TEXT'],
  ['assigned_by', 'TEXT'],
  ['resolved_at', 'TEXT'],
  ['resolved_by', 'TEXT'],
  ['reopened_at', 'TEXT'],
  ['reopened_by', 'TEXT'],
  ['notes_count', 'INTEGER NOT NULL DEFAULT 0'],
  ['last_note', 'TEXT'],
  ['last_note_by', 'TEXT'],
  ['last_note_at', 'TEXT'],
  ['first_response_at', 'TEXT'],
  ['first_response_seconds', 'REAL'],
  ['due_at', 'TEXT'],
  ['waiting_due_at', 'TEXT'],
];

const tweetsIndexes: [string, string][] = [
  ['prediction', 'prediction'],
  ['response_status', 'response_status'],
  ['time', 'time'],
  ['user_id', 'user_id'],
  ['source', 'source'],
  ['reference', 'reference'],
  ['status', 'status'],
  ['chat_id', 'chat_id'],
  ['review', 'review'],
  ['pnr', 'pnr'],
  ['train', 'train'],
  ['username', 'username'],
  ['received_at', 'received_at'],
  ['waiting_due', 'waiting_due_at, id'],
];

/**
 * Index names are global in SQLite and keep the generation's name when a rebuild renames the table: an index is
 * recognised by its column, so a table swapped in by a rebuild does not get a second set on the next start.
 */
export const addTweetsIndexesSqlite = async (store: ReadStore, names: TweetsTables): Promise<void> => {
  for (const [name, columns] of tweetsIndexes) await ensureIndex(store, names.tweets, `idx_${name}`, columns.split(',').map((c) => c.trim()));
  // Only the open rows, in id order, for the Open and Mine lanes: read newest first, a page stops after its last row
  // however many resolved rows lie between (a query uses them only with this very term: see projections/tweets.ts).
  // Recognised by their columns among the partial indexes, as ensureIndex does for the others.
  const partial = await store.query<{ index_name: string; column_name: string; seqno: number }>(
    `SELECT list.name AS index_name, info.name AS column_name, info.seqno AS seqno
     FROM pragma_index_list('${names.tweets}') AS list, pragma_index_info(list.name) AS info WHERE list.partial = 1`,
  );
  const partialColumns = new Map<string, string[]>();
  for (const row of [...partial].sort((a, b) => Number(a.seqno) - Number(b.seqno))) {
    partialColumns.set(row.index_name, [...(partialColumns.get(row.index_name) ?? []), row.column_name]);
  }
  const hasPartial = (columns: string) => [...partialColumns.values()].some((c) => c.join(',') === columns);
  if (!hasPartial('id')) {
    await store.execute(`CREATE INDEX IF NOT EXISTS ${names.tweets}_idx_open ON ${names.tweets} (id) WHERE status <> 'resolved'`);
  }
  if (!hasPartial('assigned_to,id')) {
    await store.execute(`CREATE INDEX IF NOT EXISTS ${names.tweets}_idx_mine ON ${names.tweets} (assigned_to, id) WHERE status <> 'resolved'`);
  }
};

/** With deferIndexes the secondary indexes wait for addTweetsIndexes (tweet_id's UNIQUE index is always there). */
export const createTweetsTablesSqlite = async (
  store: ReadStore,
  names: TweetsTables,
  options: CreateTweetsOptions = {},
): Promise<void> => {
  const created = !(await store.tableExists(names.tweets));
  if (created) await store.execute(`CREATE TABLE ${names.tweets} (${tweetsColumnsSqlite})`);
  const existing = new Set(
    (await store.query<{ name: string }>(`SELECT name FROM pragma_table_info('${names.tweets}')`)).map((c) => c.name),
  );
  const added = addedTweetsColumnsSqlite.filter(([column]) => !existing.has(column));
  for (const [column, type] of added) await store.execute(`ALTER TABLE ${names.tweets} ADD COLUMN ${column} ${type}`);
  await recordTweetsTableChange(store, names.tweets, { created, addedColumns: added.map(([column]) => column) });
  // After the added columns: an upgraded table gets the indexes of its new columns too.
  if (!options.deferIndexes) await addTweetsIndexesSqlite(store, names);
  await store.execute(upgradeStatusesSql(names.tweets));
  // The full-text index of search_text (rowid = tweets.id), written by the projection in its own transaction.
  await store.execute(
    `CREATE VIRTUAL TABLE IF NOT EXISTS ${searchTableOf(names.tweets)} USING fts5(search_text, content='', contentless_delete=1)`,
  );
  await store.execute(`CREATE TABLE IF NOT EXISTS ${names.stats} (
    id INTEGER PRIMARY KEY,
    total_tweets INTEGER NOT NULL DEFAULT 0,
    emergency_count INTEGER NOT NULL DEFAULT 0,
    feedback_count INTEGER NOT NULL DEFAULT 0,
    responded_count INTEGER NOT NULL DEFAULT 0,
    pending_count INTEGER NOT NULL DEFAULT 0,
    review_count INTEGER NOT NULL DEFAULT 0
  )`);
  await store.execute(`INSERT OR IGNORE INTO ${names.stats} (id) VALUES (1)`);
  const statsColumns = await store.query<{ name: string }>(`SELECT name FROM pragma_table_info('${names.stats}')`);
  if (!statsColumns.some((c) => c.name === 'review_count')) {
    // Rows written before the review lane have review = 0, so the new counter starts at 0 and stays true.
    await store.execute(`ALTER TABLE ${names.stats} ADD COLUMN review_count INTEGER NOT NULL DEFAULT 0`);
  }
  await store.execute(`CREATE TABLE IF NOT EXISTS ${names.checkpoints} (
    topic TEXT NOT NULL,
    partition_no INTEGER NOT NULL,
    next_offset INTEGER NOT NULL,
    PRIMARY KEY (topic, partition_no)
  )`);
};

export const migrateSqlite = async (store: ReadStore): Promise<void> => {
  await store.execute(`CREATE TABLE IF NOT EXISTS admin (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT UNIQUE NOT NULL,
    password TEXT NOT NULL,
    email TEXT,
    created_at TEXT DEFAULT CURRENT_TIMESTAMP,
    last_login TEXT
  )`);
  await createTweetsTablesSqlite(store, LIVE_TWEETS_TABLES);
  // The bot's own bookkeeping: which Telegram updates were filed and acknowledged, which responses delivered.
  await store.execute(`CREATE TABLE IF NOT EXISTS bot_updates (
    update_key TEXT PRIMARY KEY,
    complaint_id TEXT,
    chat_id INTEGER,
    message_id INTEGER,
    status TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`);
  await store.execute('CREATE INDEX IF NOT EXISTS bot_updates_idx_message ON bot_updates (chat_id, message_id)');
  await store.execute(`CREATE TABLE IF NOT EXISTS response_deliveries (
    response_id TEXT PRIMARY KEY,
    complaint_id TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    detail TEXT,
    error_code INTEGER,
    updated_at TEXT NOT NULL
  )`);
};

export const createTweetsTables = (
  store: ReadStore,
  names: TweetsTables,
  options: CreateTweetsOptions = {},
): Promise<void> =>
  store.dialect === 'sqlite'
    ? createTweetsTablesSqlite(store, names, options)
    : createTweetsTablesMysql(store, names, options);

/** Adds the secondary indexes a table made with deferIndexes lacks. */
export const addTweetsIndexes = (store: ReadStore, names: TweetsTables): Promise<void> =>
  store.dialect === 'sqlite' ? addTweetsIndexesSqlite(store, names) : addTweetsIndexesMysql(store, names);

export const migrate = async (store: ReadStore): Promise<void> => {
  await (store.dialect === 'sqlite' ? migrateSqlite(store) : migrateMysql(store));
  await migrateAdminSecurity(store);
  await backfillSearchText(store, LIVE_TWEETS_TABLES.tweets);
};
