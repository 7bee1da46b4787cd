import type { ReadStore } from './read-store';
import { usernameKey } from './username-key';

/**
 * The admins' security tables, beside the original design's `admin` table: server-side sessions (only a hash of
 * each session id is stored), and the columns that disable an admin, compare usernames case-insensitively and give
 * each admin a role.
 * Idempotent, like the other migrations: run on every start.
 */
export const migrateAdminSecurity = async (store: ReadStore): Promise<void> => {
  if (store.dialect === 'sqlite') await migrateSqlite(store);
  else await migrateMysql(store);
  await fillUsernameKeys(store);
  // Admins made before roles existed could do everything: they keep that as supervisors.
  await store.execute("UPDATE admin SET role = 'supervisor' WHERE role IS NULL");
};

const migrateSqlite = async (store: ReadStore): Promise<void> => {
  const columns = new Set((await store.query<{ name: string }>("SELECT name FROM pragma_table_info('admin')")).map((c) => c.name));
  if (!columns.has('username_key')) await store.execute('ALTER TABLE admin ADD COLUMN username_key TEXT');
  if (!columns.has('disabled_at')) await store.execute('ALTER TABLE admin ADD COLUMN disabled_at TEXT');
  if (!columns.has('role')) await store.execute('ALTER TABLE admin ADD COLUMN role TEXT');
  await store.execute('CREATE UNIQUE INDEX IF NOT EXISTS admin_idx_username_key ON admin (username_key)');
  await store.execute(`CREATE TABLE IF NOT EXISTS admin_sessions (
    id_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID`);
  await store.execute('CREATE INDEX IF NOT EXISTS admin_sessions_idx_username ON admin_sessions (username)');
};

const migrateMysql = async (store: ReadStore): Promise<void> => {
  const columns = new Set(
    (
      await store.query<{ name: string }>(
        "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'admin'",
      )
    ).map((c) => c.name.toLowerCase()),
  );
  const add: string[] = [];
  if (!columns.has('username_key')) add.push('ADD COLUMN username_key VARCHAR(50) NULL');
  if (!columns.has('disabled_at')) add.push('ADD COLUMN disabled_at VARCHAR(32) NULL');
  if (!columns.has('role')) add.push('ADD COLUMN role VARCHAR(20) NULL');
  const indexes = await store.query<{ name: string }>(
    "SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'admin'",
  );
  if (!indexes.some((i) => i.name === 'admin_idx_username_key')) add.push('ADD UNIQUE INDEX admin_idx_username_key (username_key)');
  if (add.length > 0) await store.execute(`ALTER TABLE admin ${add.join(', ')}`);
  await store.execute(`CREATE TABLE IF NOT EXISTS admin_sessions (
    id_hash CHAR(64) NOT NULL PRIMARY KEY,
    username VARCHAR(50) NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    INDEX admin_sessions_idx_username (username)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
};

/**
 * Admins made before usernames were compared case-insensitively get their key. Should two of them differ only in
 * case, the older keeps the name; the newer gets no key and cannot log in until renamed (`railsewa admin list`
 * shows it).
 */
const fillUsernameKeys = async (store: ReadStore): Promise<void> => {
  const missing = await store.query<{ id: number; username: string }>('SELECT id, username FROM admin WHERE username_key IS NULL ORDER BY id');
  if (missing.length === 0) return;
  const taken = new Set(
    (await store.query<{ username_key: string }>('SELECT username_key FROM admin WHERE username_key IS NOT NULL')).map((r) => r.username_key),
  );
  for (const admin of missing) {
    const key = usernameKey(admin.username);
    if (taken.has(key)) continue;
    taken.add(key);
    await store.execute('UPDATE admin SET username_key = ? WHERE id = ?', [key, admin.id]);
  }
};
