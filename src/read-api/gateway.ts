import type http from 'node:http';
import { Server } from 'socket.io';
import type { Logger } from '../logger';
import { findTweetsByIds, readStats } from '../projections/tweets';
import type { ReadStore } from '../store/read-store';
import { sessionUser } from './auth';
import type { Sessions } from './session';
import type { ClientToServerEvents, ServerToClientEvents } from './socket-events';
import { toTweetJson } from './tweet-json';

const FLUSH_EVERY_MS = 100;
const MAX_ROWS_PER_FLUSH = 500;
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

/**
 * Live push to dashboards. Only logged-in admins may connect. Changes are announced after the projection's
 * transaction has committed; ids are coalesced for a moment so a burst becomes a few messages, read back from the
 * store (so clients see exactly what the API serves).
 */
export class LiveGateway {
  readonly io: Server<ClientToServerEvents, ServerToClientEvents>;
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    server: http.Server,
    private readonly store: ReadStore,
    sessions: Sessions,
    private readonly logger: Logger,
  ) {
    this.io = new Server(server, { serveClient: true, cors: { origin: false } });
    this.io.use((socket, next) => {
      const admin = sessionUser(sessions, socket.handshake.headers.cookie);
      if (!admin) {
        next(new Error('unauthorized'));
        return;
      }
      socket.data.admin = admin;
      next();
    });
  }

  /** Announces complaints whose rows changed (committed). */
  changed(tweetIds: string[]): void {
    for (const id of tweetIds) this.pending.add(id);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), FLUSH_EVERY_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const ids = [...this.pending].slice(0, MAX_ROWS_PER_FLUSH);
    for (const id of ids) this.pending.delete(id);
    if (this.pending.size > 0) this.timer = setTimeout(() => this.flush(), FLUSH_EVERY_MS);
    this.flushing = this.flushing.then(() => this.push(ids)).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'live push failed; dashboards will catch up by polling');
    });
  }

  /** One message per flush, encoded once for every socket that keeps up. */
  private async push(ids: string[]): Promise<void> {
    if (this.io.engine.clientsCount === 0) return;
    const rows = await findTweetsByIds(this.store, ids);
    const tweets = rows.filter((row) => row.received_event_id !== null).map(toTweetJson);
    const batch = { tweets, stats: await readStats(this.store) };
    for (const socket of this.io.of('/').sockets.values()) {
      if (!socket.rooms.has(BEHIND) && unsentPackets(socket) >= MAX_UNSENT_BATCHES) this.leaveBehind(socket);
    }
    this.io.except(BEHIND).emit('tweets:changed', batch);
  }

  private leaveBehind(socket: { join(room: string): void; leave(room: string): void; emit(event: 'resync'): boolean; conn: { once(event: 'drain', listener: () => void): unknown } }): void {
    socket.join(BEHIND);
    socket.conn.once('drain', () => {
      socket.leave(BEHIND);
      socket.emit('resync');
    });
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.flushing;
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }
}
