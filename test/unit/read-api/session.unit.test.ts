import path from 'node:path';
import { createAdmin, disableAdmin, changeAdminPassword } from '../../../src/read-api/admins';
import type { PasswordHasher } from '../../../src/read-api/passwords';
import { hashSessionId, Sessions } from '../../../src/read-api/session';
import { migrate } from '../../../src/store/migrations';
import { SqliteReadStore } from '../../../src/store/sqlite-store';
import { tempDir } from '../../support/temp';

/** A fast stand-in for bcrypt: these tests are about sessions, not hashing. */
const plainHasher: PasswordHasher = {
  hash: async (password) => `plain:${password}`,
  compare: async (password, hash) => hash === `plain:${password}`,
};

describe('Sessions (server-side, in the read store)', () => {
  const temp = tempDir();
  let store: SqliteReadStore;
  let now = 1_000_000;
  let sessions: Sessions;

  beforeAll(async () => {
    store = new SqliteReadStore(path.join(temp.dir, 'read.db'));
    await migrate(store);
    await migrate(store);
    await createAdmin(store, 'asha.admin', 'correct horse battery', plainHasher);
    await createAdmin(store, 'ravi.admin', 'correct horse battery', plainHasher);
  });
  beforeEach(() => {
    sessions = new Sessions(store, { idleMs: 30 * 60_000, absoluteMs: 12 * 3600_000 }, () => now);
  });
  afterAll(async () => {
    await store.close();
    temp.remove();
  });

  it('opens a session for its own token, and stores only the id’s hash', async () => {
    const { token } = await sessions.create('asha.admin');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await sessions.lookup(token))?.username).toBe('asha.admin');
    const stored = await store.query<{ id_hash: string }>('SELECT id_hash FROM admin_sessions');
    expect(stored.map((r) => r.id_hash)).toContain(hashSessionId(token));
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it.each([
    ['missing', undefined],
    ['garbage', 'abc'],
    ['well-formed but unknown', 'A'.repeat(43)],
    ['an old signed token', `${Buffer.from('admin').toString('base64url')}.9999999999999.AAAA`],
  ])('refuses a %s token', async (_, token) => {
    expect(await sessions.lookup(token)).toBeNull();
  });

  it('ends at logout: the same cookie opens nothing afterwards', async () => {
    const { token } = await sessions.create('asha.admin');
    await sessions.end(token);
    expect(await sessions.lookup(token)).toBeNull();
  });

  it('rotates on login: the cookie a login came with ends', async () => {
    const first = await sessions.create('asha.admin');
    const second = await sessions.create('asha.admin', first.token);
    expect(second.token).not.toBe(first.token);
    expect(await sessions.lookup(first.token)).toBeNull();
    expect(await sessions.lookup(second.token)).not.toBeNull();
  });

  it('ends after the idle time without a request, and is kept alive by requests', async () => {
    const { token } = await sessions.create('asha.admin');
    now += 20 * 60_000;
    expect(await sessions.lookup(token)).not.toBeNull();
    now += 20 * 60_000;
    expect(await sessions.lookup(token)).not.toBeNull();
    now += 31 * 60_000;
    expect(await sessions.lookup(token)).toBeNull();
  });

  it('a socket’s check does not count as use', async () => {
    const { token } = await sessions.create('asha.admin');
    now += 20 * 60_000;
    expect(await sessions.live([hashSessionId(token)])).toEqual(new Set([hashSessionId(token)]));
    now += 11 * 60_000;
    expect(await sessions.live([hashSessionId(token)])).toEqual(new Set());
  });

  it('ends at the absolute timeout however busy', async () => {
    const { token } = await sessions.create('asha.admin');
    for (let i = 0; i < 25; i++) {
      now += 29 * 60_000;
      if (i < 24 && now < 1_000_000 + 12 * 3600_000) await sessions.lookup(token);
    }
    expect(await sessions.lookup(token)).toBeNull();
  });

  it('ends every session of an admin who is disabled, and no other admin’s', async () => {
    const a = await sessions.create('asha.admin');
    const b = await sessions.create('asha.admin');
    const other = await sessions.create('ravi.admin');
    // asha.admin, the first admin, is the only supervisor: one is left when she goes
    await createAdmin(store, 'next.supervisor', 'correct horse battery', plainHasher, 'supervisor');
    await disableAdmin(store, 'ASHA.admin');
    expect(await sessions.lookup(a.token)).toBeNull();
    expect(await sessions.lookup(b.token)).toBeNull();
    expect(await sessions.lookup(other.token)).not.toBeNull();
    // a session created in the moment of disabling is dead too
    const late = await sessions.create('asha.admin');
    expect(await sessions.lookup(late.token)).toBeNull();
  });

  it('ends every session of an admin whose password changes', async () => {
    const { token } = await sessions.create('ravi.admin');
    await changeAdminPassword(store, 'ravi.admin', 'a new long passphrase', plainHasher);
    expect(await sessions.lookup(token)).toBeNull();
  });

  it('ends the sessions of an admin whose row was deleted', async () => {
    await createAdmin(store, 'deleted.admin', 'correct horse battery', plainHasher);
    const { token } = await sessions.create('deleted.admin');
    await store.execute("DELETE FROM admin WHERE username = 'deleted.admin'");
    expect(await sessions.lookup(token)).toBeNull();
  });

  it('tells listeners which sessions a logout ended (the gateway closes their sockets)', async () => {
    const ended: string[][] = [];
    const stop = sessions.onEnded((hashes) => ended.push(hashes));
    await createAdmin(store, 'mira.admin', 'correct horse battery', plainHasher);
    const { token } = await sessions.create('mira.admin');
    await sessions.end(token);
    stop();
    expect(ended).toEqual([[hashSessionId(token)]]);
  });

  it('purges the rows of ended sessions', async () => {
    await createAdmin(store, 'old.admin', 'correct horse battery', plainHasher);
    await sessions.create('old.admin');
    now += 13 * 3600_000;
    await sessions.purgeExpired();
    const rows = await store.query<{ n: number }>("SELECT COUNT(*) AS n FROM admin_sessions WHERE username = 'old.admin'");
    expect(Number(rows[0].n)).toBe(0);
  });
});
