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

test('the API reference opens from the dashboard header for a logged-in admin, under the strict CSP, with no request leaving the server', async () => {
  const context = await browser!.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  // a CSP violation shows as a console error
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(new URL(server!.url).origin) && !request.url().startsWith('data:')) foreign.push(request.url());
  });

  await signInAsAdmin(page, server!);
  // (the dashboard's own check for a session before the login answered 401: not this page's concern)
  problems.length = 0;
  await page.locator(byTestId('api-docs-link')).click();
  await page.waitForURL(/\/api-docs$/);

  // Swagger UI has rendered the document: the title and an operation of each kind.
  await page.locator('.swagger-ui .info .title').filter({ hasText: 'RailSewa read API' }).waitFor();
  await page.locator('.opblock-summary-path[data-path="/api/tweets/{id}"]').waitFor();
  expect(await page.locator('.opblock').count()).toBeGreaterThanOrEqual(13);
  // An operation opens with its parameters and its responses' schemas.
  await page.locator('.opblock-summary-path').filter({ hasText: '/api/respond' }).click();
  await page.locator('.opblock.is-open .responses-table').waitFor();
  await page.locator('.opblock.is-open .response-col_status').filter({ hasText: '404' }).waitFor();
  expect(await page.locator(byTestId('api-docs-status')).isHidden()).toBe(true);
  expect(problems).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
});

test('without a session the reference page sends the browser to the sign-in', async () => {
  const context = await browser!.newContext();
  const page = await context.newPage();
  await page.goto(new URL('/api-docs', server!.url).href);
  await page.locator(byTestId('login-form')).waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
  await context.close();
});
