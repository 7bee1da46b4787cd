import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { assertBuilt, startServer, type RunningServer } from './railsewa-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const byTestId = (id: string): string => `[data-testid="${id}"]`;

let server: RunningServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  assertBuilt();
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run make test, which installs Debian's chromium (or set CHROMIUM_PATH)`);
  server = await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('logging out of the dashboard ends the session on the server: its cookie opens nothing afterwards', async () => {
  const context = await browser!.newContext();
  const page = await context.newPage();
  await page.goto(server!.url);
  await page.locator(byTestId('login-username')).fill(server!.admin.username);
  await page.locator(byTestId('login-password')).fill(server!.admin.password);
  await page.locator(byTestId('login-submit')).click();
  await page.locator(byTestId('live-status')).filter({ hasText: /^live$/ }).waitFor();

  const session = (await context.cookies()).find((c) => c.name === 'railsewa_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  const cookie = `${session!.name}=${session!.value}`;
  expect((await fetch(new URL('/api/me', server!.url), { headers: { cookie } })).status).toBe(200);

  await page.locator(byTestId('logout')).click();
  await page.locator(byTestId('login-form')).waitFor();

  expect((await fetch(new URL('/api/me', server!.url), { headers: { cookie } })).status).toBe(401);
  await context.close();
});
