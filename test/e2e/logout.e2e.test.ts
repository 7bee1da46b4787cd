import type { Browser } from 'playwright-core';
import { byTestId, launchChromium, signInAsAdmin } from './browser';
import { assertBuilt, startServer, type RunningServer } from './railsewa-server';

let server: RunningServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  assertBuilt();
  browser = await launchChromium();
  server = await startServer();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('logging out of the dashboard ends the session on the server: its cookie opens nothing afterwards', async () => {
  const context = await browser!.newContext();
  const page = await context.newPage();
  await signInAsAdmin(page, server!);

  const session = (await context.cookies()).find((c) => c.name === 'railsewa_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  const cookie = `${session!.name}=${session!.value}`;
  expect((await fetch(new URL('/api/me', server!.url), { headers: { cookie } })).status).toBe(200);

  await page.locator(byTestId('logout')).click();
  await page.locator(byTestId('login-form')).waitFor();

  expect((await fetch(new URL('/api/me', server!.url), { headers: { cookie } })).status).toBe(401);
  await context.close();
});
