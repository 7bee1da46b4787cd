import { createAdmin, disableAdmin, verifyAdmin } from '../../src/read-api/admins';
import type { PasswordHasher } from '../../src/read-api/passwords';
import { hashSessionId, Sessions } from '../../src/read-api/session';
import { migrate } from '../../src/store/migrations';
import type { MysqlReadStore } from '../../src/store/mysql-store';
import { freshMysqlStore } from '../support/services';

const plainHasher: PasswordHasher = {
  hash: async (password) => `plain:${password}`,
  compare: async (password, hash) => hash === `plain:${password}`,
};

describe('admin sessions on MariaDB', () => {
  let store: MysqlReadStore;
  let drop: () => Promise<void>;
  let now = 1_700_000_000_000;
  let sessions: Sessions;

  beforeAll(async () => {
    ({ store, drop } = await freshMysqlStore('sessions'));
    // an admin table as the original design's SQL made it, with two names that differ only in case
    await store.execute(`CREATE TABLE admin (
      id INT AUTO_INCREMENT PRIMARY KEY,
      username VARCHAR(50) UNIQUE NOT NULL,
      password VARCHAR(255) NOT NULL,
      email VARCHAR(100),
      created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
      last_login TIMESTAMP NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
    await store.execute("INSERT INTO admin (username, password) VALUES ('ops', 'plain:old long password'), ('OPS', 'plain:other long password')");
    await migrate(store);
    await migrate(store);
    sessions = new Sessions(store, { idleMs: 30 * 60_000, absoluteMs: 12 * 3600_000 }, () => now);
  });
  afterAll(async () => {
    await drop?.();
  });

  it('upgrades the admin table in place: the older of two case-twins keeps the name', async () => {
    expect(await verifyAdmin(store, 'Ops', 'old long password', plainHasher)).toBe(true);
    expect(await verifyAdmin(store, 'OPS', 'other long password', plainHasher)).toBe(false);
    await expect(createAdmin(store, 'oPs', 'yet another password', plainHasher)).rejects.toThrow(/already exists/);
  });

  it('creates, finds by primary key, touches and ends sessions', async () => {
    const { token, expiresAt } = await sessions.create('ops');
    expect(expiresAt).toBe(now + 12 * 3600_000);
    expect(await sessions.lookup(token)).toEqual({ idHash: hashSessionId(token), username: 'ops', role: 'supervisor', expiresAt });
    now += 25 * 60_000;
    expect(await sessions.lookup(token)).not.toBeNull();
    now += 25 * 60_000;
    expect(await sessions.lookup(token)).not.toBeNull();
    const explain = await store.query<{ key: string | null }>('EXPLAIN SELECT username FROM admin_sessions WHERE id_hash = ?', [hashSessionId(token)]);
    expect(explain[0].key).toBe('PRIMARY');
    await sessions.end(token);
    expect(await sessions.lookup(token)).toBeNull();
  });

  it('ends sessions idle too long, and every session of a disabled admin', async () => {
    const idle = await sessions.create('ops');
    now += 31 * 60_000;
    expect(await sessions.lookup(idle.token)).toBeNull();

    const a = await sessions.create('ops');
    const b = await sessions.create('ops');
    // ops, upgraded from the old table, is the only supervisor: one is left when they go
    await createAdmin(store, 'next.supervisor', 'a long enough password', plainHasher, 'supervisor');
    await disableAdmin(store, 'OPS');
    expect(await sessions.live([hashSessionId(a.token), hashSessionId(b.token)])).toEqual(new Set());
    const rows = await store.query<{ n: number }>("SELECT COUNT(*) AS n FROM admin_sessions WHERE username = 'ops'");
    expect(Number(rows[0].n)).toBe(0);
  });
});
