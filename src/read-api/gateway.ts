import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Logger } from '../logger';
import { findTweetsByIds, readStats } from '../projections/tweets';
import type { ReadStore } from '../store/read-store';
import { sessionOf } from './auth';
import { originAllowed } from './origin';
import type { Sessions } from './session';
import type { ClientToServerEvents, ServerToClientEvents } from './socket-events';
import { packTweets, toTweetJson } from './tweet-json';

const FLUSH_EVERY_MS = 100;
/** the Trends view refetches its figures on this signal: at most one a second */
const ANALYTICS_EVERY_MS = 1000;
/** a push slower than the flush interval makes the next one bigger, up to this */
const MAX_ROWS_PER_FLUSH = 1000;
/**
 * Batches a client may have waiting unsent (it reads slower than changes come) before it is left behind: it gets no
 * more batches until its connection drains, then one "resync" to reload. No client's buffer grows without bound.
 */
const MAX_UNSENT_BATCHES = 16;
/** the room of sockets left behind: broadcasts skip it */
const BEHIND = 'behind';

/** engine.io keeps a connection's packets not yet handed to the network here */
const unsentPackets = (socket: { conn: unknown }): number =>
  (socket.conn as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
/** how often sockets' sessions are checked: a session ended by another process (or by time) closes them by then */
const SESSION_CHECK_EVERY_MS = 3_000;
/** how often ended sessions' rows are deleted */
const PURGE_EVERY_MS = 10 * 60_000;

interface SocketData {
  admin: string;
  /** the hash of the session the socket was opened with */
  session: string;
}

export interface GatewayOptions {
  /** PUBLIC_URL's origin; unset: sockets must come from the host they connect to */
  publicOrigin?: string;
  sessionCheckEveryMs?: number;
  /** unsent batches a socket may hold before it is left behind (16 unless given) */
  maxUnsentBatches?: number;
}

/**
 * Live push to dashboards. Only logged-in admins may connect. Changes are announced after the projection's
 * transaction has committed; ids are coalesced for a moment so a burst becomes a few messages, read back from the
 * store (so clients see exactly what the API serves).
 */
export class LiveGateway {
  readonly io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private pushing = false;
  private lastFlush = 0;
  private closed = false;
  private analyticsTimer: NodeJS.Timeout | undefined;
  private readonly sessionCheck: NodeJS.Timeout;
  private readonly purge: NodeJS.Timeout;
  private checking = false;
  private readonly stopListening: () => void;
  private readonly maxUnsentBatches: number;

  constructor(
    server: http.Server,
    private readonly store: ReadStore,
    private readonly sessions: Sessions,
    private readonly logger: Logger,
    options: GatewayOptions = {},
  ) {
    this.io = new Server(server, { serveClient: true, cors: { origin: false } });
    this.maxUnsentBatches = options.maxUnsentBatches ?? MAX_UNSENT_BATCHES;
    // Sockets skip the browser's same-origin rules: a page on another port or a sibling subdomain could open one with
    // the admin's cookie. Only the dashboard's own origin may.
    this.io.use((socket, next) => {
      const { origin, host } = socket.handshake.headers;
      if (!originAllowed(origin, host, options.publicOrigin)) {
        next(new Error('forbidden origin'));
        return;
      }
      sessionOf(sessions, socket.handshake.headers.cookie).then(
        (session) => {
          if (!session) return next(new Error('unauthorized'));
          socket.data.admin = session.username;
          socket.data.session = session.idHash;
          next();
        },
        (error: unknown) => {
          this.logger.warn({ err: error }, 'could not check a socket\'s session');
          next(new Error('unavailable'));
        },
      );
    });
    // A logout in this process closes its sockets at once; other processes' logouts, disabled admins and expiry are
    // found by the periodic check.
    this.stopListening = sessions.onEnded((ended) => this.disconnectSessions(new Set(ended)));
    this.sessionCheck = setInterval(() => void this.checkSessions(), options.sessionCheckEveryMs ?? SESSION_CHECK_EVERY_MS);
    this.sessionCheck.unref();
    this.purge = setInterval(() => {
      sessions.purgeExpired().catch((error: unknown) => this.logger.warn({ err: error }, 'could not purge ended sessions'));
    }, PURGE_EVERY_MS);
    this.purge.unref();
  }

  private disconnectSessions(ended: Set<string>): void {
    for (const socket of this.io.of('/').sockets.values()) if (ended.has(socket.data.session)) socket.disconnect(true);
  }

  private async checkSessions(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const sockets = [...this.io.of('/').sockets.values()];
      if (sockets.length === 0) return;
      const live = await this.sessions.live(sockets.map((s) => s.data.session));
      for (const socket of sockets) if (!live.has(socket.data.session)) socket.disconnect(true);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not check the sockets\' sessions; will try again');
    } finally {
      this.checking = false;
    }
  }

  /** Announces complaints whose rows changed (committed). */
  changed(tweetIds: string[]): void {
    for (const id of tweetIds) this.pending.add(id);
    this.schedule();
  }

  /**
   * One push at a time, at most every FLUSH_EVERY_MS: complaints announced while a push is under way wait for the next
   * one, so a slow push makes the next batch bigger rather than a queue of pushes that only grows.
   */
  private schedule(): void {
    if (this.timer || this.pushing || this.closed || this.pending.size === 0) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, this.lastFlush + FLUSH_EVERY_MS - Date.now()));
  }

  /** Announces that the analytics read model changed (committed): one signal per second at most, no data. */
  analyticsChanged(): void {
    if (this.analyticsTimer) return;
    this.analyticsTimer = setTimeout(() => {
      this.analyticsTimer = undefined;
      this.io.except(BEHIND).emit('analytics:changed');
    }, ANALYTICS_EVERY_MS);
  }

  private flush(): void {
    this.timer = undefined;
    this.lastFlush = Date.now();
    const ids = [...this.pending].slice(0, MAX_ROWS_PER_FLUSH);
    for (const id of ids) this.pending.delete(id);
    this.pushing = true;
    this.flushing = this.push(ids)
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'live push failed; dashboards will catch up by polling');
      })
      .finally(() => {
        this.pushing = false;
        this.schedule();
      });
  }

  /** One message per flush, encoded once for every socket that keeps up. */
  private async push(ids: string[]): Promise<void> {
    if (this.io.engine.clientsCount === 0) return;
    const rows = await findTweetsByIds(this.store, ids);
    const tweets = rows.filter((row) => row.received_event_id !== null).map((row) => toTweetJson(row));
    const batch = { ...packTweets(tweets), stats: await readStats(this.store) };
    for (const socket of this.io.of('/').sockets.values()) {
      if (!socket.rooms.has(BEHIND) && unsentPackets(socket) >= this.maxUnsentBatches) this.leaveBehind(socket);
    }
    this.io.except(BEHIND).emit('tweets:changed', batch);
  }

  private leaveBehind(socket: Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>): void {
    socket.join(BEHIND);
    socket.conn.once('drain', () => {
      socket.leave(BEHIND);
      socket.emit('resync');
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.analyticsTimer) clearTimeout(this.analyticsTimer);
    clearInterval(this.sessionCheck);
    clearInterval(this.purge);
    this.stopListening();
    await this.flushing;
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }
}
