import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { ReadStore } from '../store/read-store';
import { ConflictError, ValidationError } from '../errors';

const BCRYPT_ROUNDS = 12;
const USERNAME = /^[A-Za-z0-9_.-]{3,50}$/;

export const validateAdminInput = (username: string, password: string): void => {
  if (!USERNAME.test(username)) throw new ValidationError('username: 3 to 50 letters, digits, dot, dash or underscore');
  if (password.length < 12) throw new ValidationError('password: at least 12 characters');
  if (password.length > 72) throw new ValidationError('password: at most 72 characters (bcrypt reads no further)');
};

export const createAdmin = async (store: ReadStore, username: string, password: string): Promise<void> => {
  validateAdminInput(username, password);
  const hash = await bcrypt.hash(password, BCRYPT_ROUNDS);
  const existing = await store.query<{ id: number }>('SELECT id FROM admin WHERE username = ?', [username]);
  if (existing.length > 0) throw new ConflictError(`admin ${username} already exists`);
  await store.execute('INSERT INTO admin (username, password) VALUES (?, ?)', [username, hash]);
};

export const countAdmins = async (store: ReadStore): Promise<number> => {
  const rows = await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM admin');
  return Number(rows[0].n);
};

/** A first admin with a random password, printed once by `serve`, when none exists. */
export const ensureFirstAdmin = async (store: ReadStore): Promise<{ username: string; password: string } | null> => {
  if ((await countAdmins(store)) > 0) return null;
  const password = randomBytes(18).toString('base64url');
  await createAdmin(store, 'admin', password);
  return { username: 'admin', password };
};

// A fixed hash to compare against when the user does not exist, so timing does not reveal usernames.
const DUMMY_HASH = bcrypt.hashSync(randomBytes(16).toString('hex'), 10);

export const verifyAdmin = async (store: ReadStore, username: string, password: string): Promise<boolean> => {
  const rows = await store.query<{ password: string }>('SELECT password FROM admin WHERE username = ?', [username]);
  const ok = await bcrypt.compare(password, rows[0]?.password ?? DUMMY_HASH);
  if (!ok || rows.length === 0) return false;
  await store.execute('UPDATE admin SET last_login = CURRENT_TIMESTAMP WHERE username = ?', [username]);
  return true;
};
