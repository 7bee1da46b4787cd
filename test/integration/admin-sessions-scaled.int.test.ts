import { spawn } from 'node:child_process';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { createAdmin } from '../../src/read-api/admins';
import type { ServerToClientEvents } from '../../src/read-api/socket-events';
import { REPO_ROOT, type ServeProcess } from '../support/serve-process';
import { newDeployment, type StackDeployment } from '../support/stack';
import { until } from '../support/until';

const post = (url: string, body: unknown, cookie?: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });

const login = async (url: string, username: string, password: string): Promise<string> => {
  const res = await post(`${url}/api/login`, { username, password });
  if (res.status !== 200) throw new Error(`login answered ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
};

/** A connected socket and whether the server has closed it. */
const liveSocket = async (url: string, cookie: string) => {
  const socket: Socket<ServerToClientEvents> = io(url, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const state = { socket, closedBy: undefined as string | undefined };
  socket.once('disconnect', (reason) => (state.closedBy = reason));
  return state;
};

/** Runs `railsewa ARGS` against the deployment, as an operator would on another machine. */
const railsewa = (env: Record<string, string>, args: string[], stdin = ''): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'src', 'cli.js'), ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(stdin);
    child.once('exit', (code) => resolve({ code, output }));
  });

describe('admin sessions shared by two API processes on MariaDB', () => {
  let deployment: StackDeployment;
  let apis: ServeProcess[];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    deployment = await newDeployment('sessions');
    await createAdmin(deployment.runtime.store, 'asha.admin', 'a long enough password');
    await createAdmin(deployment.runtime.store, 'ravi.admin', 'a long enough password');
    apis = [await deployment.start('api'), await deployment.start('api')];
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await deployment?.dispose();
  });

  it('a session opened on one process works on the other; a logout on one closes its socket on the other', async () => {
    const cookie = await login(apis[0].url, 'asha.admin', 'a long enough password');
    expect((await fetch(`${apis[1].url}/api/me`, { headers: { cookie } })).status).toBe(200);
    const elsewhere = await liveSocket(apis[1].url, cookie);
    sockets.push(elsewhere.socket);

    expect((await post(`${apis[0].url}/api/logout`, {}, cookie)).status).toBe(200);

    await until(() => elsewhere.closedBy !== undefined, 'the other process to close the logged-out socket', 60_000);
    expect(elsewhere.closedBy).toBe('io server disconnect');
    expect((await fetch(`${apis[1].url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('`railsewa admin disable` ends the admin’s sessions and sockets on every process', async () => {
    const cookies = [await login(apis[0].url, 'ravi.admin', 'a long enough password'), await login(apis[1].url, 'ravi.admin', 'a long enough password')];
    const open = [await liveSocket(apis[0].url, cookies[0]), await liveSocket(apis[1].url, cookies[1])];
    sockets.push(...open.map((o) => o.socket));

    const listed = await railsewa(deployment.env, ['admin', 'list']);
    expect(listed.output).toMatch(/ravi\.admin\tresponder\tactive\t.*\t2 session\(s\)/);
    const disabled = await railsewa(deployment.env, ['admin', 'disable', 'RAVI.admin']);
    expect(disabled).toEqual({ code: 0, output: expect.stringContaining('ravi.admin disabled') });

    await until(() => open.every((o) => o.closedBy !== undefined), 'both processes to close the disabled admin’s sockets', 60_000);
    for (const [i, cookie] of cookies.entries()) expect((await fetch(`${apis[i].url}/api/me`, { headers: { cookie } })).status).toBe(401);
    expect((await post(`${apis[0].url}/api/login`, { username: 'ravi.admin', password: 'a long enough password' })).status).toBe(401);
  });

  it('`railsewa admin password` ends the admin’s sessions; the new password opens a new one', async () => {
    const cookie = await login(apis[1].url, 'asha.admin', 'a long enough password');
    const changed = await railsewa(deployment.env, ['admin', 'password', 'asha.admin'], 'a brand new passphrase\n');
    expect(changed.code).toBe(0);
    expect((await fetch(`${apis[0].url}/api/me`, { headers: { cookie } })).status).toBe(401);
    expect((await post(`${apis[0].url}/api/login`, { username: 'asha.admin', password: 'a long enough password' })).status).toBe(401);
    expect((await post(`${apis[0].url}/api/login`, { username: 'asha.admin', password: 'a brand new passphrase' })).status).toBe(200);
  });
});
