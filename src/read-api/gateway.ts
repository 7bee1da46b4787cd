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

  private async push(ids: string[]): Promise<void> {
    if (this.io.engine.clientsCount === 0) return;
    const rows = await findTweetsByIds(this.store, ids);
    for (const row of rows) if (row.received_event_id !== null) this.io.emit('tweet:changed', toTweetJson(row));
    this.io.emit('stats:changed', await readStats(this.store));
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.flushing;
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }
}
