import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { submitComplaint } from '../../src/commands/handlers';
import { loadConfig } from '../../src/config';
import { newUuid } from '../../src/events/ids';
import { silentLogger } from '../../src/logger';
import { createAdmin } from '../../src/read-api/admins';
import { openRuntime } from '../../src/runtime';
import { byTestId, launchChromium } from './browser';
import { assertBuilt, startServer, type RunningServer } from './railsewa-server';

const VIEWER = { username: 'vik.viewer', password: 'a viewer password' };
const LATE = 'Train 12951 coach B3: a man is harassing women, please send RPF';
const FRESH = 'Train 12417 coach S4: passenger fainted and is not waking up, need a doctor';
const FORMULA = '=HYPERLINK("http://evil.example","win") fire in coach S7 of train 12002, smoke everywhere';

let server: RunningServer;
let browser: Browser;

/** Appends complaints to the server's embedded event log as the CLI would, one received an hour ago. */
const fileComplaints = async (): Promise<void> => {
  const runtime = await openRuntime(loadConfig({ DATA_DIR: server.dataDir, LOG_LEVEL: 'silent' }, '/nonexistent/.env'), silentLogger());
  try {
    const hourAgo = () => new Date(Date.now() - 60 * 60_000);
    await submitComplaint({ events: runtime.events, now: hourAgo, newId: newUuid }, { type: 'SubmitComplaint', data: { text: LATE, source: 'cli' } });
    const now = () => new Date();
    await submitComplaint({ events: runtime.events, now, newId: newUuid }, { type: 'SubmitComplaint', data: { text: FRESH, source: 'cli' } });
    await submitComplaint({ events: runtime.events, now, newId: newUuid }, { type: 'SubmitComplaint', data: { text: FORMULA, source: 'cli' } });
    await createAdmin(runtime.store, VIEWER.username, VIEWER.password, undefined, 'viewer');
  } finally {
    await runtime.close();
  }
};

const signIn = async (who: { username: string; password: string }): Promise<Page> => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.locator(byTestId('login-username')).fill(who.username);
  await page.locator(byTestId('login-password')).fill(who.password);
  await page.locator(byTestId('login-submit')).click();
  await page.locator(byTestId('live-status')).filter({ hasText: /^live$/ }).waitFor();
  return page;
};

beforeAll(async () => {
  assertBuilt();
  browser = await launchChromium();
  server = await startServer();
  await fileComplaints();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('first-response targets and the CSV export in the dashboard (Chromium)', () => {
  it('shows each waiting emergency’s age and time left, marks the breached one and puts it first', async () => {
    const page = await signIn(server.admin);
    const cards = page.locator(byTestId('emergency-card'));
    const late = cards.filter({ hasText: LATE });
    const fresh = cards.filter({ hasText: FRESH });
    await late.waitFor();
    await fresh.waitFor();

    await late.locator(byTestId('tweet-breached')).waitFor({ state: 'visible' });
    expect(await late.locator(byTestId('tweet-breached')).textContent()).toBe('Target missed');
    expect(await late.locator(byTestId('tweet-due')).textContent()).toMatch(/^Age 1 h( \d+ min)? · \d+ min over target Target missed$/);
    expect(await late.getAttribute('class')).toContain('card--breached');

    expect(await fresh.locator(byTestId('tweet-time-left')).textContent()).toMatch(/^\d+ min left$/);
    expect(await fresh.locator(byTestId('tweet-breached')).isHidden()).toBe(true);

    // least time left first: the breached complaint heads the queue
    expect(await cards.first().locator(byTestId('tweet-text')).textContent()).toBe(LATE);
    await page.context().close();
  });

  it('lets a supervisor download the current filter as CSV, with formulas neutralised', async () => {
    const page = await signIn(server.admin);
    const link = page.locator(byTestId('export-csv'));
    await link.waitFor({ state: 'visible' });
    await page.locator(byTestId('filter-emergency')).click();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^railsewa-complaints-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(download.url()).toMatch(/\/api\/tweets\.csv\?filter=emergency$/);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^reference,tweet_id,received_at,/);
    expect(csv).toContain(LATE);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""win"") fire in coach S7`);
    await page.context().close();
  });

  it('does not offer the export to a viewer', async () => {
    const page = await signIn(VIEWER);
    await page.locator(byTestId('emergency-card')).first().waitFor();
    expect(await page.locator(byTestId('export-csv')).isHidden()).toBe(true);
    await page.context().close();
  });
});
