import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, StatsJson, TweetJson, TweetsBatch } from '../../src/read-api/socket-events';

/** Socket.IO's browser client, loaded as a classic script from /socket.io/socket.io.min.js (absent if it failed to load) */
declare const io: ((options?: Partial<ManagerOptions & SocketOptions>) => Socket) | undefined;

const POLL_EVERY_MS = 10_000;

/** A pushed batch's complaints as objects again (the push sends each complaint's values in the batch's column order). */
export const unpackTweets = ({ columns, rows }: TweetsBatch): TweetJson[] =>
  rows.map((values) => {
    const tweet: Record<string, unknown> = {};
    columns.forEach((column, i) => (tweet[column] = values[i]));
    return tweet as unknown as TweetJson;
  });

export type LiveMode = 'connecting' | 'live' | 'polling';

export interface LiveHandlers {
  /** one pushed batch: applied in one pass */
  tweetsChanged(tweets: TweetJson[], stats: StatsJson): void;
  /** fetch what may have been missed (a poll, or catching up after a reconnect) */
  refresh(): Promise<void>;
  /** the server dropped batches for this client (it fell behind): reload everything shown */
  resync(): Promise<void>;
  modeChanged(mode: LiveMode): void;
  /** the analytics read model changed (the Trends view refetches) */
  analyticsChanged?(): void;
  unauthorized(): void;
}

/**
 * Changes arrive over Socket.IO; while the socket is not connected the dashboard polls every 10 seconds instead,
 * and stops polling as soon as the socket connects.
 */
export class LiveUpdates {
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private pollTimer: number | undefined;

  constructor(private readonly handlers: LiveHandlers) {}

  start(): void {
    this.handlers.modeChanged('connecting');
    if (typeof io !== 'function') {
      this.startPolling();
      return;
    }
    const socket = io({ reconnectionDelayMax: 10_000 }) as Socket<ServerToClientEvents, ClientToServerEvents>;
    this.socket = socket;
    socket.on('tweets:changed', (batch) => this.handlers.tweetsChanged(unpackTweets(batch), batch.stats));
    socket.on('resync', () => void this.handlers.resync());
    socket.on('analytics:changed', () => this.handlers.analyticsChanged?.());
    socket.on('connect', () => {
      this.stopPolling();
      this.handlers.modeChanged('live');
      // changes made before the socket (re)connected were not pushed to it
      void this.handlers.refresh();
    });
    socket.on('connect_error', (error) => {
      this.startPolling();
      // the server refuses a socket without a valid session, and Socket.IO does not retry that by itself
      if (error.message === 'unauthorized') this.handlers.unauthorized();
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      this.startPolling();
      if (reason === 'io server disconnect') socket.connect();
    });
  }

  stop(): void {
    this.stopPolling();
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  private startPolling(): void {
    this.handlers.modeChanged('polling');
    if (this.pollTimer !== undefined) return;
    this.pollTimer = window.setInterval(() => void this.handlers.refresh(), POLL_EVERY_MS);
  }

  private stopPolling(): void {
    window.clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }
}
