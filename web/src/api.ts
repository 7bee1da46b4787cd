import type { StatsJson, TweetJson } from '../../src/read-api/socket-events';
import { t } from './i18n.js';
import type { HistoryEntryJson } from './history.js';

/** An answer from the read API that was not a success, with the server's own code and message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export const isUnauthorized = (error: unknown): boolean => error instanceof ApiError && error.status === 401;

/** An admin as `GET /api/admins` lists them (no password hashes). */
export interface AdminJson {
  username: string;
  role: 'viewer' | 'responder' | 'supervisor';
  disabled: boolean;
  disabled_at: string | null;
  created_at: string | null;
  last_login: string | null;
  sessions: number;
}

export type TweetFilter = 'all' | 'emergency' | 'review' | 'feedback' | 'open' | 'mine';

export interface TweetQuery {
  filter: TweetFilter;
  q: string;
  limit: number;
  before?: number;
  /** due: only the complaints waiting for a first response, least time left first (one page) */
  sort?: 'newest' | 'due';
}

export interface TweetPage {
  tweets: TweetJson[];
  /** the `before` value of the next page; null when this page was the last */
  nextBefore: number | null;
}

const errorOf = async (response: Response): Promise<ApiError> => {
  const body: unknown = await response.json().catch(() => null);
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : 'http_' + response.status;
  const message = typeof error?.message === 'string' ? error.message : t('error.status', { status: response.status });
  return new ApiError(response.status, code, message);
};

type Method = 'GET' | 'POST' | 'PATCH';

const request = async (method: Method, path: string, body?: unknown): Promise<Response> => {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      cache: 'no-store',
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', t('error.network'));
  }
  if (!response.ok) throw await errorOf(response);
  return response;
};

const json = async <T>(method: Method, path: string, body?: unknown): Promise<T> =>
  (await (await request(method, path, body)).json()) as T;

export const api = {
  me: () => json<{ username: string; role?: string }>('GET', '/api/me'),
  login: (username: string, password: string) => json<{ username: string; role?: string }>('POST', '/api/login', { username, password }),
  logout: () => json<unknown>('POST', '/api/logout'),
  stats: () => json<StatsJson>('GET', '/api/stats'),
  tweet: (id: string) => json<TweetJson>('GET', '/api/tweets/' + encodeURIComponent(id)),
  history: (id: string) => json<HistoryEntryJson[]>('GET', `/api/tweets/${encodeURIComponent(id)}/history`),
  respond: (tweetId: string, response: string) => json<{ success: boolean }>('POST', '/api/respond', { tweet_id: tweetId, response }),
  relabel: (tweetId: string, emergency: 0 | 1, category: string) =>
    json<{ success: boolean }>('POST', '/api/relabel', { tweet_id: tweetId, emergency, category }),

  acknowledge: (tweetId: string) => json<{ success: boolean }>('POST', `/api/tweets/${encodeURIComponent(tweetId)}/acknowledge`, {}),
  assign: (tweetId: string, admin: string) => json<{ success: boolean }>('POST', `/api/tweets/${encodeURIComponent(tweetId)}/assign`, { admin }),
  addNote: (tweetId: string, text: string) => json<{ success: boolean }>('POST', `/api/tweets/${encodeURIComponent(tweetId)}/notes`, { text }),
  resolve: (tweetId: string) => json<{ success: boolean }>('POST', `/api/tweets/${encodeURIComponent(tweetId)}/resolve`, {}),
  reopen: (tweetId: string) => json<{ success: boolean }>('POST', `/api/tweets/${encodeURIComponent(tweetId)}/reopen`, {}),

  admins: () => json<AdminJson[]>('GET', '/api/admins'),
  createAdmin: (username: string, password: string, role: string) => json<AdminJson>('POST', '/api/admins', { username, password, role }),
  updateAdmin: (username: string, change: { role?: string; disabled?: boolean }) =>
    json<AdminJson>('PATCH', '/api/admins/' + encodeURIComponent(username), change),
  setAdminPassword: (username: string, password: string) =>
    json<AdminJson>('POST', `/api/admins/${encodeURIComponent(username)}/password`, { password }),

  async tweets(query: TweetQuery): Promise<TweetPage> {
    const params = new URLSearchParams({ filter: query.filter, limit: String(query.limit) });
    if (query.q) params.set('q', query.q);
    if (query.before !== undefined) params.set('before', String(query.before));
    if (query.sort) params.set('sort', query.sort);
    const response = await request('GET', '/api/tweets?' + params.toString());
    const next = Number(response.headers.get('X-Next-Before'));
    return { tweets: (await response.json()) as TweetJson[], nextBefore: Number.isInteger(next) && next > 0 ? next : null };
  },
};
