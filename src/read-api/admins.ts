import { randomBytes } from 'node:crypto';
import type { ReadStore } from '../store/read-store';
import { usernameKey } from '../store/username-key';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { isAdminRole, type AdminRole } from '../commands/roles';
import type { FoundAdmin } from '../commands/handlers';
import { bcryptHasher, dummyHashOf, MAX_PASSWORD_BYTES, passwordBytes, validatePassword, type PasswordHasher } from './passwords';
import { refuseAdminChange, type AdminChange } from './admin-rules';
import { deleteSessionsOf } from './session';

const USERNAME = /^[A-Za-z0-9_.-]{3,50}$/;

/** The hasher of the CLI and of API processes that are not given another (tests count its calls). */
export const defaultHasher: PasswordHasher = bcryptHasher();
const dummyHashes = new WeakMap<PasswordHasher, () => Promise<string>>();
const dummyHash = (hasher: PasswordHasher): Promise<string> => {
  let make = dummyHashes.get(hasher);
  if (!make) dummyHashes.set(hasher, (make = dummyHashOf(hasher)));
  return make();
};

/** A username as stored: NFKC-normalised (compared case-insensitively through its key). */
export const normalizeUsername = (username: string): string => {
  const normalized = username.normalize('NFKC');
  if (!USERNAME.test(normalized)) throw new ValidationError('username: 3 to 50 letters, digits, dot, dash or underscore');
  return normalized;
};

export const validateAdminInput = (username: string, password: string): string => {
  const normalized = normalizeUsername(username);
  validatePassword(password);
  return normalized;
};

export interface AdminSummary {
  username: string;
  createdAt: string | null;
  lastLogin: string | null;
  disabledAt: string | null;
  role: AdminRole;
  sessions: number;
}

/** A stored role; anything else (a row written by an older process before the migration ran) reads as a viewer. */
export const roleOf = (value: unknown): AdminRole => (isAdminRole(value) ? value : 'viewer');

interface AdminRow {
  username: string;
  password: string;
  disabled_at: string | null;
}

const findAdmin = async (store: ReadStore, username: string): Promise<AdminRow | undefined> => {
  const rows = await store.query<AdminRow>('SELECT username, password, disabled_at FROM admin WHERE username_key = ?', [usernameKey(username.normalize('NFKC'))]);
  return rows[0];
};

const requireAdminRow = async (store: ReadStore, username: string): Promise<AdminRow> => {
  const row = await findAdmin(store, username);
  if (!row) throw new NotFoundError(`there is no admin ${username}`);
  return row;
};

/** Creates an admin with `role`; without one the first admin is a supervisor and the others responders. Answers the role. */
export const createAdmin = async (
  store: ReadStore,
  username: string,
  password: string,
  hasher = defaultHasher,
  role?: AdminRole,
): Promise<AdminRole> => {
  const name = validateAdminInput(username, password);
  if (role !== undefined && !isAdminRole(role)) throw new ValidationError('role: viewer, responder or supervisor');
  const existing = await findAdmin(store, name);
  if (existing) throw new ConflictError(`admin ${existing.username} already exists (usernames are compared without case)`);
  const given = role ?? ((await countAdmins(store)) === 0 ? 'supervisor' : 'responder');
  const hash = await hasher.hash(password);
  await store.execute('INSERT INTO admin (username, username_key, password, role) VALUES (?, ?, ?, ?)', [name, usernameKey(name), hash, given]);
  return given;
};

/** An admin by name (any case), for assigning complaints: null when there is none. */
export const findAdminByName = async (store: ReadStore, username: string): Promise<FoundAdmin | null> => {
  if (username.length > 100) return null;
  const row = await findAdmin(store, username);
  return row ? { username: row.username, disabled: row.disabled_at !== null } : null;
};

export const countAdmins = async (store: ReadStore): Promise<number> => {
  const rows = await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM admin');
  return Number(rows[0].n);
};

/** A first admin with a random password, printed once by `serve`, when none exists. */
export const ensureFirstAdmin = async (store: ReadStore, hasher = defaultHasher): Promise<{ username: string; password: string } | null> => {
  if ((await countAdmins(store)) > 0) return null;
  const password = randomBytes(18).toString('base64url');
  await createAdmin(store, 'admin', password, hasher, 'supervisor');
  return { username: 'admin', password };
};

/**
 * The stored username of the admin these credentials open, or null. Every attempt costs exactly one bcrypt
 * comparison of the same cost, whether the user exists, is disabled or the password is too long, so neither the
 * answer's timing nor its work tells usernames apart.
 */
export const authenticateAdmin = async (store: ReadStore, username: string, password: string, hasher = defaultHasher): Promise<string | null> => {
  const row = username.length <= 100 ? await findAdmin(store, username) : undefined;
  const usable = row !== undefined && row.disabled_at === null && passwordBytes(password) <= MAX_PASSWORD_BYTES;
  const ok = await hasher.compare(password, usable ? row.password : await dummyHash(hasher));
  if (!ok || !usable) return null;
  await store.execute('UPDATE admin SET last_login = CURRENT_TIMESTAMP WHERE username = ?', [row.username]);
  return row.username;
};

export const verifyAdmin = async (store: ReadStore, username: string, password: string, hasher = defaultHasher): Promise<boolean> =>
  (await authenticateAdmin(store, username, password, hasher)) !== null;

/**
 * The command line's disabling of an admin: no login, and every session of theirs ends (sockets on other processes
 * within seconds). Refused, as through the API, when it would leave no enabled supervisor.
 */
export const disableAdmin = async (store: ReadStore, username: string): Promise<string> => {
  const changed = await changeAdmin(store, null, username, { disabled: true });
  await deleteSessionsOf(store, changed.username);
  return changed.username;
};

export const enableAdmin = async (store: ReadStore, username: string): Promise<string> =>
  (await changeAdmin(store, null, username, { disabled: false })).username;

/**
 * Sets a new password; every session opened with the old one ends, but `keepSession` (the hash of the session of an
 * admin setting their own password, who stays signed in). Answers the stored username and the ended sessions' hashes.
 */
export const setAdminPassword = async (
  store: ReadStore,
  username: string,
  password: string,
  hasher = defaultHasher,
  keepSession?: string,
): Promise<{ username: string; ended: string[] }> => {
  const row = await requireAdminRow(store, username);
  validatePassword(password);
  await store.execute('UPDATE admin SET password = ? WHERE username = ?', [await hasher.hash(password), row.username]);
  return { username: row.username, ended: await deleteSessionsOf(store, row.username, keepSession) };
};

/** Sets a new password; every session opened with the old one ends. */
export const changeAdminPassword = async (store: ReadStore, username: string, password: string, hasher = defaultHasher): Promise<string> =>
  (await setAdminPassword(store, username, password, hasher)).username;

interface LockedAdminRow {
  username: string;
  username_key: string;
  role: string;
  disabled_at: string | null;
}

/**
 * A supervisor's change to an admin's role or disabled state (`actor` null: the operator at the command line), judged
 * by `refuseAdminChange` and written in one transaction that first locks every admin row (SQLite: the transaction
 * holds the write lock from its start): two concurrent changes are judged one after the other, so they cannot both
 * take away the last enabled supervisor, and an actor demoted or disabled by the first may no longer make the second.
 * Answers the stored username and whether that admin's sessions must end (a new role, or disabled).
 */
export const changeAdmin = (store: ReadStore, actor: string | null, username: string, change: AdminChange): Promise<{ username: string; endSessions: boolean }> =>
  store.transaction(async (tx) => {
    const rows = await tx.query<LockedAdminRow>(
      `SELECT username, username_key, role, disabled_at FROM admin ORDER BY username_key${store.dialect === 'mysql' ? ' FOR UPDATE' : ''}`,
    );
    // The actor's role was checked with their session; a change committed since (another supervisor demoted or
    // disabled them) wins.
    if (actor !== null) {
      const actorRow = rows.find((r) => r.username === actor);
      if (!actorRow || roleOf(actorRow.role) !== 'supervisor' || actorRow.disabled_at !== null) throw new ForbiddenError('forbidden', 'this needs the supervisor role');
    }
    const key = usernameKey(username.normalize('NFKC'));
    const row = rows.find((r) => r.username_key === key);
    if (!row) throw new NotFoundError(`there is no admin ${username}`);
    const target = { username: row.username, role: roleOf(row.role), disabled: row.disabled_at !== null };
    const enabledSupervisors = rows.filter((r) => roleOf(r.role) === 'supervisor' && r.disabled_at === null).length;
    const refusal = refuseAdminChange(actor, target, change, enabledSupervisors);
    if (refusal) throw new ConflictError(refusal);
    const newRole = change.role !== undefined && change.role !== target.role ? change.role : null;
    const disables = change.disabled === true && !target.disabled;
    if (newRole) await tx.execute('UPDATE admin SET role = ? WHERE username = ?', [newRole, target.username]);
    if (disables) await tx.execute('UPDATE admin SET disabled_at = ? WHERE username = ?', [new Date().toISOString(), target.username]);
    if (change.disabled === false && target.disabled) await tx.execute('UPDATE admin SET disabled_at = NULL WHERE username = ?', [target.username]);
    return { username: target.username, endSessions: newRole !== null || disables };
  });

/** One admin's summary, by name (any case). */
export const findAdminSummary = async (store: ReadStore, username: string): Promise<AdminSummary> => {
  const row = await requireAdminRow(store, username);
  const found = (await listAdmins(store)).find((a) => a.username === row.username);
  if (!found) throw new NotFoundError(`there is no admin ${username}`);
  return found;
};

export const listAdmins = async (store: ReadStore): Promise<AdminSummary[]> => {
  const rows = await store.query<{ username: string; created_at: unknown; last_login: unknown; disabled_at: string | null; role: string | null; sessions: number }>(
    `SELECT a.username, a.created_at, a.last_login, a.disabled_at, a.role,
       (SELECT COUNT(*) FROM admin_sessions s WHERE s.username = a.username AND s.expires_at > ?) AS sessions
     FROM admin a ORDER BY a.username`,
    [Date.now()],
  );
  const text = (value: unknown): string | null => (value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value));
  return rows.map((r) => ({
    username: r.username,
    createdAt: text(r.created_at),
    lastLogin: text(r.last_login),
    disabledAt: r.disabled_at,
    role: roleOf(r.role),
    sessions: Number(r.sessions),
  }));
};

/** Makes the dummy hash ahead of the first login, so that the first unknown user costs no extra hash either. */
export const prepareLogins = async (hasher = defaultHasher): Promise<void> => {
  await dummyHash(hasher);
};
