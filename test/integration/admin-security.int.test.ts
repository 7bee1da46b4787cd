import net from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { createAdmin, disableAdmin } from '../../src/read-api/admins';
import type { ServerToClientEvents } from '../../src/read-api/socket-events';
import { ADMIN, postJson, startEmbedded, type EmbeddedProduct } from '../support/embedded';
import { until } from '../support/until';

/** Opens a socket with these headers; resolves connected, or with the server's refusal. */
const openSocket = async (url: string, headers: Record<string, string>): Promise<{ socket: Socket<ServerToClientEvents>; refused?: string }> => {
  const socket: Socket<ServerToClientEvents> = io(url, { extraHeaders: headers, transports: ['websocket'], reconnection: false });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (error) => resolve({ socket, refused: error.message }));
  });
};

const loginAs = async (url: string, username: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });

const cookieOf = (res: Response): string => (res.headers.get('set-cookie') ?? '').split(';')[0];

describe('admin sessions are server-side', () => {
  let product: EmbeddedProduct;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    product = await startEmbedded();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await product?.stop();
  });

  it('a logged-out cookie gets 401 everywhere, and its socket is closed', async () => {
    const cookie = await product.login();
    const { socket, refused } = await openSocket(product.url, { cookie });
    sockets.push(socket);
    expect(refused).toBeUndefined();
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

    expect((await postJson(`${product.url}/api/logout`, {}, cookie)).status).toBe(200);

    expect(await disconnected).toBe('io server disconnect');
    for (const path of ['/api/stats', '/api/tweets', '/api/me']) {
      expect((await fetch(`${product.url}${path}`, { headers: { cookie } })).status).toBe(401);
    }
    expect((await postJson(`${product.url}/api/respond`, { tweet_id: 'x', response: 'y' }, cookie)).status).toBe(401);
    expect((await postJson(`${product.url}/api/relabel`, { tweet_id: 'x', emergency: 1, category: 'medical' }, cookie)).status).toBe(401);
    const again = await openSocket(product.url, { cookie });
    sockets.push(again.socket);
    expect(again.refused).toBe('unauthorized');
  });

  it('a login rotates the session: the cookie it came with ends', async () => {
    const first = await product.login();
    const second = cookieOf(await loginAs(product.url, ADMIN.username, ADMIN.password, { cookie: first }));
    expect(second).not.toBe(first);
    expect((await fetch(`${product.url}/api/me`, { headers: { cookie: first } })).status).toBe(401);
    expect((await fetch(`${product.url}/api/me`, { headers: { cookie: second } })).status).toBe(200);
  });

  it('a disabled admin’s sessions end, sockets included (as when `railsewa admin disable` runs elsewhere)', async () => {
    await createAdmin(product.runtime.store, 'leaving.admin', 'a long enough password');
    const cookie = cookieOf(await loginAs(product.url, 'Leaving.Admin', 'a long enough password'));
    const { socket, refused } = await openSocket(product.url, { cookie });
    sockets.push(socket);
    expect(refused).toBeUndefined();
    let disconnected = false;
    socket.once('disconnect', () => (disconnected = true));

    await disableAdmin(product.runtime.store, 'leaving.admin');

    expect((await fetch(`${product.url}/api/stats`, { headers: { cookie } })).status).toBe(401);
    await until(() => disconnected, 'the disabled admin’s socket to be closed', 30_000);
    expect((await loginAs(product.url, 'leaving.admin', 'a long enough password')).status).toBe(401);
  });
});

describe('sessions that end by time', () => {
  it('an idle session’s socket is closed once the session expires, and its cookie gets 401', async () => {
    // 0.05 minutes: three seconds without a request
    const product = await startEmbedded({ SESSION_IDLE_MINUTES: '0.05' });
    try {
      const cookie = await product.login();
      const { socket, refused } = await openSocket(product.url, { cookie });
      expect(refused).toBeUndefined();
      let reason: string | undefined;
      socket.once('disconnect', (why) => (reason = why));
      await until(() => reason !== undefined, 'the socket of the expired session to be closed', 60_000);
      expect(reason).toBe('io server disconnect');
      expect((await fetch(`${product.url}/api/me`, { headers: { cookie } })).status).toBe(401);
      socket.close();
    } finally {
      await product.stop();
    }
  });
});

describe('slow clients', () => {
  it('a request whose headers never finish is cut off (408) instead of held for minutes', async () => {
    const product = await startEmbedded();
    try {
      const { hostname, port } = new URL(product.url);
      const socket = net.connect(Number(port), hostname);
      let answer = '';
      let closed = false;
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('close', () => (closed = true));
      socket.on('error', () => (closed = true));
      socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
      await until(() => closed, 'the server to close a request whose headers never end', 60_000);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await product.stop();
    }
  });
});

describe('Origin', () => {
  let product: EmbeddedProduct;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    product = await startEmbedded();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await product?.stop();
  });

  it('refuses a socket from another origin (another port on the host) and accepts the dashboard’s own', async () => {
    const cookie = await product.login();
    const own = new URL(product.url).origin;
    const foreign = `http://${new URL(product.url).hostname}:1`;
    const refused = await openSocket(product.url, { cookie, origin: foreign });
    sockets.push(refused.socket);
    expect(refused.refused).toBe('forbidden origin');
    const accepted = await openSocket(product.url, { cookie, origin: own });
    sockets.push(accepted.socket);
    expect(accepted.refused).toBeUndefined();
  });

  it('refuses a write from another origin with 403 JSON', async () => {
    const cookie = await product.login();
    for (const origin of ['http://evil.example', 'null', `http://sub.${new URL(product.url).hostname}`]) {
      const res = await fetch(`${product.url}/api/respond`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, origin },
        body: JSON.stringify({ tweet_id: 'x', response: 'y' }),
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: 'forbidden_origin', message: expect.any(String) } });
    }
    const own = await fetch(`${product.url}/api/respond`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: new URL(product.url).origin },
      body: JSON.stringify({ tweet_id: 'x', response: 'y' }),
    });
    expect(own.status).toBe(404);
  });
});

describe('login throttling', () => {
  it('20 wrong passwords with a new X-Forwarded-For each are throttled by account (TRUST_PROXY=loopback)', async () => {
    const product = await startEmbedded({ TRUST_PROXY: 'loopback' });
    try {
      await createAdmin(product.runtime.store, 'target.admin', 'the real long password');
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 20; i++) {
        const res = await loginAs(product.url, 'target.admin', `guess number ${i} here`, { 'x-forwarded-for': `203.0.113.${i + 1}` });
        statuses.push(res.status);
        if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual(Array(15).fill(429));
      expect(Number(retryAfter)).toBeGreaterThan(0);
      // the other admin is not held up
      expect((await loginAs(product.url, ADMIN.username, ADMIN.password, { 'x-forwarded-for': '203.0.113.99' })).status).toBe(200);
    } finally {
      await product.stop();
    }
  });

  it('without TRUST_PROXY, X-Forwarded-For is ignored: logins and the public intake are throttled by the peer address', async () => {
    const product = await startEmbedded({ INTAKE_RATE_PER_MINUTE: '3' });
    try {
      const logins: number[] = [];
      for (let i = 0; i < 11; i++) {
        const res = await loginAs(product.url, `nobody${i}`, 'wrong password here', { 'x-forwarded-for': `198.51.100.${i + 1}` });
        logins.push(res.status);
      }
      expect(logins.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(logins[10]).toBe(429);

      const intake: Response[] = [];
      for (let i = 0; i < 4; i++) {
        intake.push(
          await fetch(`${product.url}/api/complaints`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i + 50}` },
            body: JSON.stringify({ text: `complaint ${i}` }),
          }),
        );
      }
      expect(intake.map((r) => r.status)).toEqual([201, 201, 201, 429]);
      expect(Number(intake[3].headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await product.stop();
    }
  });

  it('/healthz answers while 40 logins hash (bcrypt runs off the event loop)', async () => {
    const product = await startEmbedded({ TRUST_PROXY: 'loopback' });
    try {
      let answered = 0;
      const logins = Array.from({ length: 40 }, (_, i) =>
        loginAs(product.url, `sprayed${i}`, 'a wrong password here', { 'x-forwarded-for': `192.0.2.${i + 1}` }).then((res) => {
          answered += 1;
          return res.status;
        }),
      );
      const health: number[] = [];
      for (let i = 0; i < 10; i++) health.push((await fetch(`${product.url}/healthz`)).status);
      const answeredWhenHealthy = answered;
      expect(health).toEqual(Array(10).fill(200));
      expect(await Promise.all(logins)).toEqual(Array(40).fill(401));
      // /healthz was served ten times in a row while most logins were still hashing (bcrypt on the event loop, in
      // chunks, made each of them wait for a round of every login's chunk, so they came after the logins)
      expect(answeredWhenHealthy).toBeLessThan(20);
    } finally {
      await product.stop();
    }
  });
});

describe('cookies and headers', () => {
  it('PUBLIC_URL on https sets Secure on the session cookie and sends HSTS', async () => {
    const product = await startEmbedded({ PUBLIC_URL: 'https://railsewa.example.org' });
    try {
      const res = await loginAs(product.url, ADMIN.username, ADMIN.password, { origin: 'https://railsewa.example.org' });
      expect(res.status).toBe(200);
      const setCookie = res.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/;\s*Secure/i);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Strict/i);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      // PUBLIC_URL names the one origin writes may come from
      expect((await loginAs(product.url, ADMIN.username, ADMIN.password, { origin: new URL(product.url).origin })).status).toBe(403);
    } finally {
      await product.stop();
    }
  });

  it('on plain http there is no Secure flag and no HSTS; API answers are not cached; only the dashboard’s files are served', async () => {
    const product = await startEmbedded();
    try {
      const res = await loginAs(product.url, ADMIN.username, ADMIN.password);
      expect(res.headers.get('set-cookie')).not.toMatch(/Secure/i);
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect((await fetch(`${product.url}/api/stats`)).headers.get('cache-control')).toBe('no-store');
      const page = await fetch(`${product.url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await fetch(`${product.url}/styles.css`)).status).toBe(200);
      for (const path of ['/src/app.ts', '/web/src/app.ts', '/dist/web/src/app.js.map', '/dist/web/src/app.ts', '/index.html/..%2f..%2fpackage.json', '/package.json']) {
        expect([path, (await fetch(`${product.url}${path}`)).status]).toEqual([path, 404]);
      }
    } finally {
      await product.stop();
    }
  });
});
