import { runBackfillOnce } from './backfills';
import type { ReadStore } from './read-store';
import { createTermsTableMysql } from './search-terms';
import { ORIGINAL_ROWS_BACKFILL, recordTweetsTableChange } from './tweets-backfills';
import { LIVE_TWEETS_TABLES, upgradeStatusesSql, type CreateTweetsOptions, type TweetsTables } from './tweets-tables';

/** The project's columns beyond the original design's, with their MySQL types. */
const ADDED_TWEETS_COLUMNS: [string, string][] = [
  ['reference', 'VARCHAR(20)'],
  ['first_name', 'VARCHAR(100)'],
  ['last_name', 'VARCHAR(100)'],
  ['contact', 'VARCHAR(100)'],
  ['category', 'VARCHAR(40)'],
  ['confidence', 'DOUBLE'],
  ['priority', 'INT'],
  ['model_version', 'VARCHAR(40)'],
  ['keywords', 'TEXT'],
  ['language', 'VARCHAR(10)'],
  ['train', 'VARCHAR(10)'],
  ['coach', 'VARCHAR(10)'],
  ['berth', 'VARCHAR(10)'],
  ['status', "VARCHAR(20) NOT NULL DEFAULT 'received'"],
  ['received_at', 'VARCHAR(32)'],
  ['classified_at', 'VARCHAR(32)'],
  ['responded_at', 'VARCHAR(32)'],
  ['responded_by', 'VARCHAR(100)'],
  ['received_event_id', 'VARCHAR(64)'],
  ['classified_event_id', 'VARCHAR(64)'],
  ['response_event_id', 'VARCHAR(64)'],
  ['updated_at', 'VARCHAR(32)'],
  ['photo_file_id', 'VARCHAR(255)'],
  ['message_id', 'BIGINT'],
  ['amended_at', 'VARCHAR(32)'],
  ['located_at', 'VARCHAR(32)'],
  ['delivery_status', 'VARCHAR(20)'],
  ['delivery_error', 'VARCHAR(500)'],
  ['delivered_at', 'VARCHAR(32)'],
  ['previous_prediction', 'INT'],
  ['previous_category', 'VARCHAR(40)'],
  ['previous_model_version', 'VARCHAR(40)'],
  ['relabeled_by', 'VARCHAR(100)'],
  ['relabeled_at', 'VARCHAR(32)'],
  ['review', 'TINYINT NOT NULL DEFAULT 0'],
  ['search_text', 'TEXT'],
  ['workflow_status', 'VARCHAR(20)'],
  ['workflow_at', 'VARCHAR(32)'],
  ['acknowledged_at', 'VARCHAR(32)'],
  ['acknowledged_by', 'VARCHAR(100)'],
  ['assigned_to', 'VARCHAR(50)'],
  ['assigned_at', 'VARCHAR(32)'],
  ['assigned_by', 'VARCHAR(100)'],
  ['resolved_at', 'VARCHAR(32)'],
  ['resolved_by', 'VARCHAR(100)'],
  ['reopened_at', 'VARCHAR(32)'],
  ['reopened_by', 'VARCHAR(100)'],
  ['notes_count', 'INT NOT NULL DEFAULT 0'],
  ['last_note', 'TEXT'],
  ['last_note_by', 'VARCHAR(100)'],
  ['last_note_at', 'VARCHAR(32)'],
  ['first_response_at', 'VARCHAR(32)'],
  ['first_response_seconds', 'DOUBLE'],
  ['due_at', 'VARCHAR(32)'],
  ['waiting_due_at', 'VARCHAR(32)'],
];

/** The original design's indexes, then the project's. */
const TWEETS_INDEXES: [string, string][] = [
  ['idx_prediction', 'prediction'],
  ['idx_response_status', 'response_status'],
  ['idx_time', 'time'],
  ['idx_tweet_id', 'tweet_id'],
  ['idx_user_id', 'user_id'],
  ['idx_source', 'source'],
  ['idx_reference', 'reference'],
  ['idx_chat_id', 'chat_id'],
  ['idx_status', 'status'],
  ['idx_review', 'review'],
  ['idx_pnr', 'pnr'],
  ['idx_train', 'train'],
  ['idx_username', 'username'],
  // the Mine lane: an admin's open complaints are read from the index alone, then sorted (they are few)
  ['idx_assigned_to', 'assigned_to, status'],
  ['idx_received_at', 'received_at'],
  ['idx_waiting_due', 'waiting_due_at, id'],
];

/** The FULLTEXT index of search_text the term table (store/search-terms.ts) replaced: dropped where it is left. */
const FULLTEXT_INDEX = 'ft_search';

const columnsOf = async (store: ReadStore, table: string): Promise<Map<string, string>> => {
  const rows = await store.query<{ name: string; type: string }>(
    `SELECT column_name AS name, column_type AS type FROM information_schema.columns
     WHERE table_schema = DATABASE() AND table_name = ?`,
    [table],
  );
  return new Map(rows.map((r) => [r.name.toLowerCase(), r.type.toLowerCase()]));
};

const indexesOf = async (store: ReadStore, table: string): Promise<Set<string>> => {
  const rows = await store.query<{ name: string }>(
    'SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ?',
    [table],
  );
  return new Set(rows.map((r) => r.name));
};

const isView = async (store: ReadStore, name: string): Promise<boolean> => {
  const rows = await store.query<{ n: number }>(
    "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ? AND table_type = 'VIEW'",
    [name],
  );
  return Number(rows[0].n) > 0;
};

/** The one index the projection itself reads through (loadRows forces it); a rebuild adds the others at the end. */
const LOOKUP_INDEXES = TWEETS_INDEXES.filter(([index]) => index === 'idx_tweet_id');

const missingIndexes = async (store: ReadStore, table: string, wanted: [string, string][]): Promise<string[]> => {
  const indexes = await indexesOf(store, table);
  return wanted.filter(([index]) => !indexes.has(index)).map(([index, column]) => `ADD INDEX ${index} (${column})`);
};

/** Adds whichever of the tweets indexes a table lacks, all in one ALTER (one sorted build per index). */
export const addTweetsIndexesMysql = async (store: ReadStore, names: TweetsTables): Promise<void> => {
  const missing = await missingIndexes(store, names.tweets, TWEETS_INDEXES);
  if (missing.length > 0) await store.execute(`ALTER TABLE ${names.tweets} ${missing.join(', ')}`);
};

/**
 * Creates one generation of the tweets read model, or upgrades a table made by the original design's SQL in place:
 * wider text columns, tweet_id as the (string) complaint id, the project's columns and indexes added, never renamed.
 * With deferIndexes only the lookup index is made; addTweetsIndexesMysql adds the rest once the rows are in.
 */
export const createTweetsTablesMysql = async (
  store: ReadStore,
  names: TweetsTables,
  options: CreateTweetsOptions = {},
): Promise<void> => {
  const created = !(await store.tableExists(names.tweets));
  await store.execute(`CREATE TABLE IF NOT EXISTS ${names.tweets} (
    id INT AUTO_INCREMENT PRIMARY KEY,
    tweet TEXT NOT NULL,
    username VARCHAR(100),
    pnr BIGINT,
    prediction INT DEFAULT 0,
    tweet_id VARCHAR(64) UNIQUE,
    user_id BIGINT,
    chat_id BIGINT,
    source VARCHAR(20) DEFAULT 'Telegram',
    latitude DECIMAL(10,8),
    longitude DECIMAL(11,8),
    time TIMESTAMP(3) NULL DEFAULT CURRENT_TIMESTAMP(3),
    response_status INT DEFAULT 0,
    response TEXT
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);

  const columns = await columnsOf(store, names.tweets);
  const widen: string[] = [];
  if (!columns.get('tweet')?.includes('text')) widen.push('MODIFY tweet TEXT NOT NULL');
  if (columns.get('username') !== 'varchar(100)') widen.push('MODIFY username VARCHAR(100)');
  if (!columns.get('tweet_id')?.startsWith('varchar')) widen.push('MODIFY tweet_id VARCHAR(64)');
  if (!columns.get('response')?.includes('text')) widen.push('MODIFY response TEXT');
  if (columns.get('time') === 'timestamp') widen.push('MODIFY time TIMESTAMP(3) NULL DEFAULT CURRENT_TIMESTAMP(3)');
  const added = ADDED_TWEETS_COLUMNS.filter(([column]) => !columns.has(column));
  for (const [column, type] of added) widen.push(`ADD COLUMN ${column} ${type}`);
  widen.push(...(await missingIndexes(store, names.tweets, options.deferIndexes ? LOOKUP_INDEXES : TWEETS_INDEXES)));
  if ((await indexesOf(store, names.tweets)).has(FULLTEXT_INDEX)) widen.push(`DROP INDEX ${FULLTEXT_INDEX}`);
  if (widen.length > 0) await store.execute(`ALTER TABLE ${names.tweets} ${widen.join(', ')}`);
  await store.execute(upgradeStatusesSql(names.tweets));
  await recordTweetsTableChange(store, names.tweets, { created, addedColumns: added.map(([column]) => column) });

  // Rows written by the original design's consumer have no events behind them: they are kept and counted. The
  // statement reads the whole table, so it runs until it has once found them all (store/backfills.ts).
  await runBackfillOnce(store, names.tweets, ORIGINAL_ROWS_BACKFILL.name, async () => {
    await store.execute(
      `UPDATE ${names.tweets} SET tweet_id = COALESCE(tweet_id, CONCAT('row-', id)), received_event_id = CONCAT('row-', id),
         received_at = DATE_FORMAT(COALESCE(time, CURRENT_TIMESTAMP(3)), '%Y-%m-%dT%H:%i:%s.000Z'),
         status = CASE WHEN response_status = 1 THEN 'responded' ELSE 'new' END
       WHERE received_event_id IS NULL AND tweet <> '' AND model_version IS NULL AND classified_event_id IS NULL AND response_event_id IS NULL`,
    );
  });

  const statsWasView = await isView(store, names.stats);
  if (statsWasView) await store.execute(`DROP VIEW ${names.stats}`);
  await store.execute(`CREATE TABLE IF NOT EXISTS ${names.stats} (
    id INT PRIMARY KEY,
    total_tweets INT NOT NULL DEFAULT 0,
    emergency_count INT NOT NULL DEFAULT 0,
    feedback_count INT NOT NULL DEFAULT 0,
    responded_count INT NOT NULL DEFAULT 0,
    pending_count INT NOT NULL DEFAULT 0,
    review_count INT NOT NULL DEFAULT 0
  ) ENGINE=InnoDB`);
  if (!(await columnsOf(store, names.stats)).has('review_count')) {
    // Rows written before the review lane have review = 0, so the new counter starts at 0 and stays true.
    await store.execute(`ALTER TABLE ${names.stats} ADD COLUMN review_count INT NOT NULL DEFAULT 0`);
  }
  const inserted = await store.execute(`INSERT IGNORE INTO ${names.stats} (id) VALUES (1)`);
  if (statsWasView || inserted.affectedRows > 0) {
    // A new stats table starts from a recount of whatever rows the table already has.
    await store.execute(
      `UPDATE ${names.stats} s, (SELECT COUNT(*) AS total,
         COALESCE(SUM(prediction = 1), 0) AS emergency, COALESCE(SUM(prediction = 0), 0) AS feedback,
         COALESCE(SUM(response_status = 1), 0) AS responded,
         COALESCE(SUM(prediction = 0 AND review = 1), 0) AS review
       FROM ${names.tweets} WHERE received_event_id IS NOT NULL) c
       SET s.total_tweets = c.total, s.emergency_count = c.emergency, s.feedback_count = c.feedback,
           s.responded_count = c.responded, s.pending_count = c.total - c.responded, s.review_count = c.review WHERE s.id = 1`,
    );
  }
  await store.execute(`CREATE TABLE IF NOT EXISTS ${names.checkpoints} (
    topic VARCHAR(255) NOT NULL,
    partition_no INT NOT NULL,
    next_offset BIGINT NOT NULL,
    PRIMARY KEY (topic, partition_no)
  ) ENGINE=InnoDB`);
  // The word index the search walks (store/search-terms.ts), filled from the rows already there.
  await createTermsTableMysql(store, names.tweets);
};

export const migrateMysql = async (store: ReadStore): Promise<void> => {
  await store.execute(`CREATE TABLE IF NOT EXISTS admin (
    id INT AUTO_INCREMENT PRIMARY KEY,
    username VARCHAR(50) UNIQUE NOT NULL,
    password VARCHAR(255) NOT NULL,
    email VARCHAR(100),
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    last_login TIMESTAMP NULL
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  await createTweetsTablesMysql(store, LIVE_TWEETS_TABLES);
  await store.execute(`CREATE TABLE IF NOT EXISTS bot_updates (
    update_key VARCHAR(64) PRIMARY KEY,
    complaint_id VARCHAR(64),
    chat_id BIGINT,
    message_id BIGINT,
    status VARCHAR(20) NOT NULL,
    updated_at VARCHAR(32) NOT NULL,
    INDEX bot_updates_idx_message (chat_id, message_id)
  ) ENGINE=InnoDB`);
  await store.execute(`CREATE TABLE IF NOT EXISTS response_deliveries (
    response_id VARCHAR(64) PRIMARY KEY,
    complaint_id VARCHAR(64) NOT NULL,
    status VARCHAR(20) NOT NULL,
    attempts INT NOT NULL DEFAULT 0,
    detail TEXT,
    error_code INT,
    updated_at VARCHAR(32) NOT NULL
  ) ENGINE=InnoDB`);
};
