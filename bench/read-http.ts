/** The read benchmark's HTTP side: an admin session, and autocannon runs against the read API's endpoints. */
import autocannon from 'autocannon';

export interface Session {
  url: string;
  cookie: string;
}

/** Logs in as the bench's admin and answers the session cookie to send with every request. */
export const login = async (url: string, username: string, password: string): Promise<Session> => {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`POST /api/login answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (cookie === '') throw new Error('POST /api/login set no cookie');
  return { url, cookie };
};

const get = async (session: Session, path: string): Promise<Response> => {
  const response = await fetch(`${session.url}${path}`, { headers: { cookie: session.cookie } });
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return response;
};

/** The page reached by following X-Next-Before `pages` times from the newest page. */
export const deepPage = async (session: Session, pages: number): Promise<string> => {
  let path = '/api/tweets';
  for (let i = 0; i < pages; i++) {
    const next = (await get(session, path)).headers.get('x-next-before');
    if (!next) throw new Error(`only ${i + 1} pages of complaints: ${path} has no X-Next-Before`);
    path = `/api/tweets?before=${next}`;
  }
  return path;
};

/** How many complaints a list request answers (to print beside a search's figures). */
export const answered = async (session: Session, path: string): Promise<number> => ((await (await get(session, path)).json()) as unknown[]).length;

export interface ProbeResult {
  name: string;
  path: string;
  p50: number;
  p99: number;
  requestsPerSecond: number;
  /** answers with 2xx */
  requests: number;
  /** answers other than 2xx, and connection errors or timeouts */
  failures: number;
  /** complaints in one answer */
  answered: number;
  /** one request on its own, before the load (ms) */
  aloneMs: number;
}

export interface Probe {
  name: string;
  path: string;
}

const run = (options: autocannon.Options): Promise<autocannon.Result> =>
  new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });

/** Drives one endpoint with `connections` connections for `seconds`, after a one-second warm-up that is not counted. */
export const probe = async (session: Session, { name, path }: Probe, connections: number, seconds: number): Promise<ProbeResult> => {
  const options = { url: `${session.url}${path}`, connections, headers: { cookie: session.cookie }, timeout: 30 };
  const started = performance.now();
  const count = path.startsWith('/api/tweets?') || path === '/api/tweets' ? await answered(session, path) : (await get(session, path), 1);
  const aloneMs = performance.now() - started;
  await run({ ...options, duration: 1 });
  const result = await run({ ...options, duration: seconds });
  return {
    name,
    path,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requestsPerSecond: result.requests.average,
    requests: result['2xx'],
    failures: result.non2xx + result.errors + result.timeouts,
    answered: count,
    aloneMs,
  };
};

/** What a bare server answers every request with, in a process of its own. */
const BARE_SERVERS = {
  'node:http': "const s = require('node:http').createServer((req, res) => { res.setHeader('content-type', 'application/json'); res.end('{\"ok\":true}'); });",
  express: "const app = require('express')(); app.set('etag', false); app.get('/', (req, res) => res.json({ ok: true })); const s = require('node:http').createServer(app);",
};

/**
 * A bare server in a process of its own, answering every request with a constant JSON body: node:http alone, or an
 * Express app with one route and no middleware. What Node, Express and autocannon alone cost on this machine at the
 * same connections: the floor under every route's figures.
 */
export const startBareServer = async (kind: keyof typeof BARE_SERVERS): Promise<{ url: string; stop: () => void }> => {
  const { spawn } = await import('node:child_process');
  const source = `${BARE_SERVERS[kind]} s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the bare ${kind} server exited (${code}) before listening`)));
    child.stdout.once('data', (data: Buffer) => resolve(data.toString().trim()));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
};
