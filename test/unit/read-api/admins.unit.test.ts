import path from 'node:path';
import { ConflictError, ForbiddenError, ValidationError } from '../../../src/errors';
import { authenticateAdmin, changeAdmin, createAdmin, disableAdmin, enableAdmin, listAdmins, prepareLogins } from '../../../src/read-api/admins';
import { bcryptHasher, type PasswordHasher } from '../../../src/read-api/passwords';
import { migrate } from '../../../src/store/migrations';
import { SqliteReadStore } from '../../../src/store/sqlite-store';
import { tempDir } from '../../support/temp';

/** The real bcrypt hasher, at a low cost for speed, counting its calls and the cost of every hash it compares. */
const countingHasher = () => {
  const real = bcryptHasher(4);
  const calls = { hash: 0, compare: [] as number[] };
  const hasher: PasswordHasher = {
    hash: (password) => {
      calls.hash += 1;
      return real.hash(password);
    },
    compare: (password, hash) => {
      calls.compare.push(Number(/^\$2[aby]\$(\d\d)\$/.exec(hash)?.[1]));
      return real.compare(password, hash);
    },
  };
  return { hasher, calls };
};

describe('admins', () => {
  const temp = tempDir();
  let store: SqliteReadStore;
  const { hasher, calls } = countingHasher();

  beforeAll(async () => {
    store = new SqliteReadStore(path.join(temp.dir, 'read.db'));
    await migrate(store);
    await createAdmin(store, 'asha.admin', 'correct horse battery', hasher);
    await prepareLogins(hasher);
  });
  afterAll(async () => {
    await store.close();
    temp.remove();
  });

  it.each([
    ['11 bytes', 'x'.repeat(11), /at least 12 bytes/],
    ['40 × "é" (80 bytes; bcrypt would ignore the tail)', 'é'.repeat(40), /at most 72 bytes/],
    ['73 ASCII bytes', 'x'.repeat(73), /at most 72 bytes/],
    ['only whitespace', ' '.repeat(20), /whitespace/],
  ])('refuses a password of %s', async (_, password, message) => {
    await expect(createAdmin(store, 'new.admin', password, hasher)).rejects.toThrow(ValidationError);
    await expect(createAdmin(store, 'new.admin', password, hasher)).rejects.toThrow(message);
  });

  it('accepts 36 × "é" (72 bytes)', async () => {
    await createAdmin(store, 'accent.admin', 'é'.repeat(36), hasher);
    expect(await authenticateAdmin(store, 'accent.admin', 'é'.repeat(36), hasher)).toBe('accent.admin');
  });

  it.each(['ASHA.admin', 'Asha.Admin', 'ａｓｈａ.admin'])('refuses %s beside asha.admin', async (name) => {
    await expect(createAdmin(store, name, 'another long password', hasher)).rejects.toThrow(ConflictError);
  });

  it('logs in with the username in any case or width, as the stored name', async () => {
    expect(await authenticateAdmin(store, 'ASHA.ADMIN', 'correct horse battery', hasher)).toBe('asha.admin');
    expect(await authenticateAdmin(store, 'ａｓｈａ.admin', 'correct horse battery', hasher)).toBe('asha.admin');
  });

  it('gives an unknown user, a disabled one, a too long password and a known one the same work: one comparison at cost 4', async () => {
    const work = async (username: string, password: string): Promise<{ hash: number; compare: number[] }> => {
      const before = { hash: calls.hash, compare: calls.compare.length };
      await authenticateAdmin(store, username, password, hasher);
      return { hash: calls.hash - before.hash, compare: calls.compare.slice(before.compare) };
    };
    const known = await work('asha.admin', 'a wrong password here');
    expect(known).toEqual({ hash: 0, compare: [4] });
    expect(await work('nobody.here', 'a wrong password here')).toEqual(known);
    expect(await work('x'.repeat(100), 'a wrong password here')).toEqual(known);
    expect(await work('asha.admin', 'y'.repeat(150))).toEqual(known);
    await createAdmin(store, 'gone.admin', 'correct horse battery', hasher);
    await disableAdmin(store, 'gone.admin');
    expect(await work('gone.admin', 'correct horse battery')).toEqual(known);
  });

  it('a disabled admin cannot log in with the right password; enabled again, can', async () => {
    await createAdmin(store, 'temp.admin', 'correct horse battery', hasher);
    await disableAdmin(store, 'temp.admin');
    expect(await authenticateAdmin(store, 'temp.admin', 'correct horse battery', hasher)).toBeNull();
    expect((await listAdmins(store)).find((a) => a.username === 'temp.admin')?.disabledAt).not.toBeNull();
    await enableAdmin(store, 'temp.admin');
    expect(await authenticateAdmin(store, 'temp.admin', 'correct horse battery', hasher)).toBe('temp.admin');
  });

  it('changes an admin only for an actor who is still an enabled supervisor when the change commits', async () => {
    for (const name of ['sup.one', 'sup.two', 'sup.three']) await createAdmin(store, name, 'correct horse battery', hasher, 'supervisor');
    expect(await changeAdmin(store, 'sup.one', 'SUP.TWO', { role: 'responder' })).toEqual({ username: 'sup.two', endSessions: true });
    // sup.two's request was let in before that change committed: it is judged with sup.two's role now.
    await expect(changeAdmin(store, 'sup.two', 'sup.three', { disabled: true })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await changeAdmin(store, 'sup.one', 'sup.two', { role: 'responder' })).toEqual({ username: 'sup.two', endSessions: false });
    await expect(changeAdmin(store, 'sup.one', 'nobody', { disabled: true })).rejects.toThrow(/no admin nobody/);
  });
});
