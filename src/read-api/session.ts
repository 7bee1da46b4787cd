import { createHash, randomBytes } from 'node:crypto';
import type { ReadStore } from '../store/read-store';
import { isAdminRole, type AdminRole } from '../commands/roles';

export const SESSION_COOKIE = 'railsewa_session';

/** A session id is 32 random bytes (256 bits), base64url in the cookie: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface SessionOptions {
  /** a session not used for this long ends */
  idleMs: number;
  /** a session ends this long after its login, used or not */
  absoluteMs: number;
}

export interface Session {
  /** SHA-256 of the session id: what the store keeps, and how sockets name their session */
  idHash: string;
  username: string;
  /** read with the session on every request, so a role changed in the store counts at once */
  role: AdminRole;
  expiresAt: number;
}

interface SessionRow {
  username: string;
  created_at: number | string;
  last_seen_at: number | string;
  expires_at: number | string;
  disabled_at: string | null;
  role: string | null;
}

export const hashSessionId = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Ends every session of one admin (disabled, password changed) but `keep`'s hash; answers the ended sessions' hashes. */
export const deleteSessionsOf = async (store: ReadStore, username: string, keep = ''): Promise<string[]> => {
  const rows = await store.query<{ id_hash: string }>('SELECT id_hash FROM admin_sessions WHERE username = ? AND id_hash <> ?', [username, keep]);
  if (rows.length > 0) await store.execute('DELETE FROM admin_sessions WHERE username = ? AND id_hash <> ?', [username, keep]);
  return rows.map((r) => r.id_hash);
};

/**
 * Server-side admin sessions in the read store, so that every API process sharing the store sees the same ones and
 * a logout, a disabled admin or a changed password ends them everywhere. The cookie holds a random id; the store
 * holds only its hash, so a copy of the database opens no session. A lookup is one primary-key read.
 */
export class Sessions {
  private readonly listeners = new Set<(idHashes: string[]) => void>();
  /** last_seen_at is written at most this often per session, not on every request */
  private readonly touchEveryMs: number;

  constructor(
    private readonly store: ReadStore,
    private readonly options: SessionOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.touchEveryMs = Math.min(60_000, Math.floor(options.idleMs / 10));
  }

  /** A new session for `username`; `replacing` (the cookie the login came with, if any) ends, so ids rotate on login. */
  async create(username: string, replacing?: string): Promise<{ token: string; expiresAt: number }> {
    if (replacing) await this.end(replacing);
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + this.options.absoluteMs;
    await this.store.execute('INSERT INTO admin_sessions (id_hash, username, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
      hashSessionId(token),
      username,
      now,
      now,
      expiresAt,
    ]);
    return { token, expiresAt };
  }

  /** The live session a cookie names, or null; a request through it counts as use (`touch`), a socket's check does not. */
  async lookup(token: string | undefined, options: { touch: boolean } = { touch: true }): Promise<Session | null> {
    if (!token || !TOKEN.test(token)) return null;
    return this.lookupHash(hashSessionId(token), options.touch);
  }

  /** Of these sessions, the ones still live (for sockets, which check their session every few seconds). */
  async live(idHashes: Iterable<string>): Promise<Set<string>> {
    const live = new Set<string>();
    for (const idHash of new Set(idHashes)) if (await this.lookupHash(idHash, false)) live.add(idHash);
    return live;
  }

  async end(token: string): Promise<void> {
    if (!TOKEN.test(token)) return;
    await this.endHashes([hashSessionId(token)]);
  }

  async endAllOf(username: string): Promise<void> {
    this.announce(await deleteSessionsOf(this.store, username));
  }

  /** Tells this process's listeners that these sessions were ended elsewhere in it (sockets on them close at once). */
  ended(idHashes: string[]): void {
    this.announce(idHashes);
  }

  /** Deletes the rows of sessions that ended by time (lookups refuse them anyway). */
  async purgeExpired(): Promise<void> {
    const now = this.now();
    await this.store.execute('DELETE FROM admin_sessions WHERE expires_at <= ? OR last_seen_at <= ?', [now, now - this.options.idleMs]);
  }

  /** Called with the hashes of sessions this process ended (logout): sockets on them are closed at once. */
  onEnded(listener: (idHashes: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async lookupHash(idHash: string, touch: boolean): Promise<Session | null> {
    // The join makes a deleted or disabled admin's sessions dead even before their rows are deleted.
    const rows = await this.store.keyQuery<SessionRow>(
      `SELECT s.username, s.created_at, s.last_seen_at, s.expires_at, a.disabled_at, a.role
       FROM admin_sessions s JOIN admin a ON a.username = s.username WHERE s.id_hash = ?`,
      [idHash],
    );
    const row = rows[0];
    if (!row) return null;
    const now = this.now();
    const lastSeen = Number(row.last_seen_at);
    const expiresAt = Number(row.expires_at);
    if (row.disabled_at !== null || now >= expiresAt || now - lastSeen >= this.options.idleMs) {
      await this.endHashes([idHash]);
      return null;
    }
    if (touch && now - lastSeen >= this.touchEveryMs) {
      await this.store.execute('UPDATE admin_sessions SET last_seen_at = ? WHERE id_hash = ?', [now, idHash]);
    }
    return { idHash, username: row.username, role: isAdminRole(row.role) ? row.role : 'viewer', expiresAt };
  }

  private async endHashes(idHashes: string[]): Promise<void> {
    for (const idHash of idHashes) await this.store.execute('DELETE FROM admin_sessions WHERE id_hash = ?', [idHash]);
    this.announce(idHashes);
  }

  private announce(idHashes: string[]): void {
    if (idHashes.length === 0) return;
    for (const listener of this.listeners) listener(idHashes);
  }
}
