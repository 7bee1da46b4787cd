import type { Server } from 'node:http';
import path from 'node:path';
import { silentLogger } from '../../src/logger';
import { createApp, type AppDeps } from '../../src/read-api/app';
import { changeAdmin, createAdmin, disableAdmin } from '../../src/read-api/admins';
import type { PasswordHasher } from '../../src/read-api/passwords';
import { Sessions } from '../../src/read-api/session';
import { migrate } from '../../src/store/migrations';
import { mariadbEngine, sqliteEngine, type Engine } from '../support/engines';

const PASSWORD = 'a long enough password';
const plainHasher: PasswordHasher = {
  hash: async (password) => `plain:${password}`,
  compare: async (password, hash) => hash === `plain:${password}`,
};

const engines: [string, () => Promise<Engine>][] = [
  ['SQLite', sqliteEngine],
  ['MariaDB', () => mariadbEngine('admins_api')],
];

describe.each(engines)('managing admins through the API (%s)', (_name, makeEngine) => {
  let engine: Engine;
  let server: Server;
  let url: string;
  let boss: string;

  const request = (method: string, route: string, cookie?: string, body?: unknown) =>
    fetch(`${url}${route}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}), origin: url },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const login = async (username: string, password = PASSWORD): Promise<string> => {
    const res = await request('POST', '/api/login', undefined, { username, password });
    expect(res.status).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0];
  };
  const me = async (cookie: string) => (await request('GET', '/api/me', cookie)).status;
  const enabledSupervisors = async () =>
    (await engine.store.query<{ username: string }>("SELECT username FROM admin WHERE role = 'supervisor' AND disabled_at IS NULL")).map((r) => r.username);

  beforeAll(async () => {
    engine = await makeEngine();
    await migrate(engine.store);
    for (const [name, role] of [['boss.s', 'supervisor'], ['asha.r', 'responder'], ['vik.v', 'viewer']] as const) {
      await createAdmin(engine.store, name, PASSWORD, plainHasher, role);
    }
    const app = createApp({
      store: engine.store,
      commands: {} as AppDeps['commands'],
      sessions: new Sessions(engine.store, { idleMs: 30 * 60_000, absoluteMs: 12 * 3600_000 }),
      hasher: plainHasher,
      logger: silentLogger(),
      intakeRatePerMinute: 1,
      webDir: path.resolve(__dirname, '..', '..', 'web'),
      ready: async () => true,
      trustProxy: false,
      metrics: {} as AppDeps['metrics'],
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    boss = await login('boss.s');
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await engine?.dispose();
  });

  it('asks for a session (401) and the supervisor role (403) on every route', async () => {
    const responder = await login('asha.r');
    const viewer = await login('vik.v');
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/admins'],
      ['POST', '/api/admins', { username: 'new.one', password: PASSWORD, role: 'viewer' }],
      ['PATCH', '/api/admins/vik.v', { role: 'supervisor' }],
      ['POST', '/api/admins/vik.v/password', { password: 'another long password' }],
    ];
    for (const [method, route, body] of routes) {
      expect((await request(method, route, undefined, body)).status).toBe(401);
      for (const cookie of [responder, viewer]) {
        const res = await request(method, route, cookie, body);
        expect(res.status).toBe(403);
        expect(await res.json()).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
      }
    }
    const foreign = await fetch(`${url}/api/admins`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: boss, origin: 'http://evil.example' },
      body: JSON.stringify({ username: 'new.one', password: PASSWORD, role: 'viewer' }),
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { code: 'forbidden_origin' } });
  });

  it('lists admins without their hashes', async () => {
    const res = await request('GET', '/api/admins', boss);
    expect(res.status).toBe(200);
    const admins = (await res.json()) as Record<string, unknown>[];
    expect(admins.map((a) => [a.username, a.role, a.disabled])).toEqual([
      ['asha.r', 'responder', false],
      ['boss.s', 'supervisor', false],
      ['vik.v', 'viewer', false],
    ]);
    expect(admins[1]).toEqual({
      username: 'boss.s',
      role: 'supervisor',
      disabled: false,
      disabled_at: null,
      created_at: expect.any(String),
      last_login: expect.any(String),
      sessions: 1,
    });
    expect(JSON.stringify(admins)).not.toMatch(/plain:/);
  });

  it('creates an admin with a role, by the CLI rules (400 bad input, 409 a name taken in any case or NFKC form)', async () => {
    const created = await request('POST', '/api/admins', boss, { username: 'ravi.r', password: PASSWORD, role: 'responder' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ username: 'ravi.r', role: 'responder', disabled: false, sessions: 0 });
    expect(await me(await login('ravi.r'))).toBe(200);

    for (const username of ['RAVI.R', 'ｒａｖｉ.ｒ']) {
      const taken = await request('POST', '/api/admins', boss, { username, password: PASSWORD, role: 'viewer' });
      expect(taken.status).toBe(409);
      expect(await taken.json()).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/already exists/) } });
    }
    for (const body of [
      { username: 'x', password: PASSWORD, role: 'viewer' },
      { username: 'short.pw', password: 'too short', role: 'viewer' },
      { username: 'long.pw', password: 'é'.repeat(37), role: 'viewer' },
      { username: 'no.role', password: PASSWORD, role: 'owner' },
      { username: 'no.role', password: PASSWORD },
    ]) {
      const bad = await request('POST', '/api/admins', boss, body);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: 'validation_failed' } });
    }
  });

  it("changes a role: that admin's sessions end and the new role counts at the next sign-in", async () => {
    const viewer = await login('vik.v');
    const res = await request('PATCH', '/api/admins/VIK.V', boss, { role: 'responder' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ username: 'vik.v', role: 'responder', sessions: 0 });
    expect(await me(viewer)).toBe(401);
    const again = await login('vik.v');
    expect(await (await request('GET', '/api/me', again)).json()).toEqual({ username: 'vik.v', role: 'responder' });
  });

  it('disables an admin (sessions end, no sign-in) and enables them again', async () => {
    const responder = await login('asha.r');
    const res = await request('PATCH', '/api/admins/asha.r', boss, { disabled: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ username: 'asha.r', disabled: true, disabled_at: expect.any(String), sessions: 0 });
    expect(await me(responder)).toBe(401);
    expect((await request('POST', '/api/login', undefined, { username: 'asha.r', password: PASSWORD })).status).toBe(401);

    const enabled = await request('PATCH', '/api/admins/asha.r', boss, { disabled: false });
    expect(await enabled.json()).toMatchObject({ disabled: false, disabled_at: null });
    expect(await me(await login('asha.r'))).toBe(200);
  });

  it('sets a password: the old one and its sessions end; a supervisor setting their own stays signed in here', async () => {
    const responder = await login('asha.r');
    const res = await request('POST', '/api/admins/asha.r/password', boss, { password: 'a brand new password' });
    expect(res.status).toBe(200);
    expect(await me(responder)).toBe(401);
    expect((await request('POST', '/api/login', undefined, { username: 'asha.r', password: PASSWORD })).status).toBe(401);
    expect(await me(await login('asha.r', 'a brand new password'))).toBe(200);

    const other = await login('boss.s');
    expect((await request('POST', '/api/admins/boss.s/password', boss, { password: 'the boss new password' })).status).toBe(200);
    expect(await me(other)).toBe(401);
    expect(await me(boss)).toBe(200);
    expect((await request('POST', '/api/admins/asha.r/password', boss, { password: 'short' })).status).toBe(400);
    expect((await request('POST', '/api/admins/nobody/password', boss, { password: PASSWORD })).status).toBe(404);
  });

  it('refuses (409) a supervisor disabling or demoting themself, and losing the last enabled supervisor', async () => {
    for (const body of [{ disabled: true }, { role: 'responder' }]) {
      const res = await request('PATCH', '/api/admins/boss.s', boss, body);
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/yourself/) } });
    }
    expect((await request('PATCH', '/api/admins/nobody', boss, { disabled: true })).status).toBe(404);
    expect((await request('PATCH', '/api/admins/boss.s', boss, { disabled: 'yes' })).status).toBe(400);

    // another supervisor may demote boss.s while there are two; then the one left cannot be demoted by boss.s either
    expect((await request('PATCH', '/api/admins/ravi.r', boss, { role: 'supervisor' })).status).toBe(200);
    const ravi = await login('ravi.r');
    expect((await request('PATCH', '/api/admins/boss.s', ravi, { role: 'responder' })).status).toBe(200);
    const bossAgain = await login('boss.s', 'the boss new password');
    expect((await request('PATCH', '/api/admins/ravi.r', bossAgain, { disabled: true })).status).toBe(403);
    const last = await request('PATCH', '/api/admins/ravi.r', ravi, { disabled: true });
    expect(last.status).toBe(409);
    expect(await me(ravi)).toBe(200);
  });

  it('keeps one enabled supervisor when the last two demote or disable each other at the same time', async () => {
    for (let round = 0; round < 5; round++) {
      await engine.store.execute("UPDATE admin SET role = 'responder' WHERE role = 'supervisor'");
      const [a, b] = [`race${round}.a`, `race${round}.b`];
      for (const name of [a, b]) await createAdmin(engine.store, name, PASSWORD, plainHasher, 'supervisor');
      const [cookieA, cookieB] = [await login(a), await login(b)];
      const statuses = (
        await Promise.all([request('PATCH', `/api/admins/${b}`, cookieA, { role: 'responder' }), request('PATCH', `/api/admins/${a}`, cookieB, { disabled: true })])
      ).map((res) => res.status);
      // One change wins; the other is refused (409), or its session has ended by then (401, 403).
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(await enabledSupervisors()).toHaveLength(1);
    }
  });

  it('holds the command line\'s disabling (railsewa admin disable) to the same rule, judged in turn with the API\'s changes', async () => {
    await engine.store.execute("UPDATE admin SET role = 'responder' WHERE role = 'supervisor'");
    await createAdmin(engine.store, 'only.s', PASSWORD, plainHasher, 'supervisor');
    await expect(disableAdmin(engine.store, 'ONLY.s')).rejects.toThrow(/only.s is the last enabled supervisor/);
    expect(await enabledSupervisors()).toEqual(['only.s']);

    for (let round = 0; round < 5; round++) {
      await engine.store.execute("UPDATE admin SET role = 'responder' WHERE role = 'supervisor'");
      const [a, b] = [`cli${round}.a`, `cli${round}.b`];
      for (const name of [a, b]) await createAdmin(engine.store, name, PASSWORD, plainHasher, 'supervisor');
      const outcomes = await Promise.allSettled([disableAdmin(engine.store, a), changeAdmin(engine.store, a, b, { role: 'responder' })]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(await enabledSupervisors()).toHaveLength(1);
    }
  });
});
