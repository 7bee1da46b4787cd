import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Dialog, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import type { ComplaintEvent } from '../../src/events/complaint';
import { silentLogger } from '../../src/logger';
import { openRuntime } from '../../src/runtime';
import { aComplaintClassified } from '../support/fixtures';
import { assertBuilt, startServer, submitComplaint, type RunningServer } from './railsewa-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** the dashboard polls every 10 s without a socket; allow one full period and a slow machine */
const POLL_WAIT_MS = 25_000;

const EMERGENCY = 'Train 12951 coach B3: a man is harassing a woman, please help now';
const MARKUP = '<img src=x onerror=alert(1)>';

const byTestId = (id: string): string => `[data-testid="${id}"]`;
const rowOf = (page: Page, tweetId: string) => page.locator(`${byTestId('tweet-row')}[data-tweet-id="${tweetId}"]`);

let server: RunningServer | undefined;
let browser: Browser | undefined;

/** Appends events to the running server's embedded log from this process, as the CLI does. */
const appendToServerLog = async (events: ComplaintEvent[]): Promise<void> => {
  const runtime = await openRuntime(loadConfig({ DATA_DIR: server!.dataDir, LOG_LEVEL: 'silent' }, '/nonexistent/.env'), silentLogger());
  try {
    await runtime.events.append(events);
  } finally {
    await runtime.close();
  }
};

const openDashboard = async (): Promise<{ context: BrowserContext; page: Page; dialogs: Dialog[] }> => {
  if (!browser || !server) throw new Error('the server and the browser did not start');
  const context = await browser.newContext();
  const page = await context.newPage();
  const dialogs: Dialog[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog);
    void dialog.dismiss();
  });
  await page.goto(server.url);
  return { context, page, dialogs };
};

const signIn = async (page: Page, username: string, password: string): Promise<void> => {
  await page.locator(byTestId('login-username')).fill(username);
  await page.locator(byTestId('login-password')).fill(password);
  await page.locator(byTestId('login-submit')).click();
};

beforeAll(async () => {
  assertBuilt();
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run make test, which installs Debian's chromium (or set CHROMIUM_PATH)`);
  }
  server = await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the dashboard', () => {
  test('a wrong password shows the server’s error and no dashboard', async () => {
    const { context, page } = await openDashboard();
    await signIn(page, 'admin', 'not-the-password');

    const error = page.locator(byTestId('login-error'));
    await error.waitFor();
    expect(await error.textContent()).toMatch(/wrong username or password/i);
    expect(await page.locator('#dashboard-view').isHidden()).toBe(true);
    await context.close();
  });

  describe('for a signed-in admin', () => {
    let context: BrowserContext;
    let page: Page;
    let dialogs: Dialog[];

    beforeAll(async () => {
      ({ context, page, dialogs } = await openDashboard());
      await signIn(page, server!.admin.username, server!.admin.password);
      await page.locator(byTestId('admin-name')).filter({ hasText: server!.admin.username }).waitFor();
      await page.locator(byTestId('live-status')).filter({ hasText: /^live$/ }).waitFor();
    });

    afterAll(async () => {
      await context?.close();
    });

    let emergency: { complaint_id: string; reference: string };

    test('a new complaint appears without a reload, as an emergency set apart at the top', async () => {
      await page.evaluate(() => document.documentElement.setAttribute('data-loaded-once', 'yes'));

      emergency = await submitComplaint(server!.url, EMERGENCY);

      const row = rowOf(page, emergency.complaint_id);
      await row.locator(byTestId('tweet-prediction')).filter({ hasText: 'Emergency' }).waitFor();
      expect(await row.getAttribute('data-reference')).toBe(emergency.reference);
      expect(await row.locator(byTestId('tweet-text')).textContent()).toBe(EMERGENCY);
      expect(await row.locator(byTestId('tweet-journey')).textContent()).toContain('12951');
      expect(await row.locator(byTestId('tweet-journey')).textContent()).toContain('B3');

      const card = page.locator(`${byTestId('emergencies')} ${byTestId('emergency-card')}[data-tweet-id="${emergency.complaint_id}"]`);
      await card.waitFor();
      expect(await card.getAttribute('class')).toContain('emergency--urgent');
      await page.locator(byTestId('stat-emergency')).filter({ hasText: /^1$/ }).waitFor();

      expect(await page.evaluate(() => document.documentElement.getAttribute('data-loaded-once'))).toBe('yes');
    });

    test('responding through the row’s form marks the complaint responded', async () => {
      const row = rowOf(page, emergency.complaint_id);
      const answer = 'RPF staff are on their way to coach B3.';
      await row.locator(byTestId('respond-text')).fill(answer);
      await row.locator(byTestId('respond-submit')).click();

      await row.locator(byTestId('tweet-status')).filter({ hasText: /^responded$/ }).waitFor();
      const response = row.locator(byTestId('tweet-response'));
      expect(await response.textContent()).toContain(answer);
      expect(await response.textContent()).toContain(`Responded by ${server!.admin.username}`);
      expect(await row.locator(byTestId('respond-form')).count()).toBe(0);

      const card = page.locator(`${byTestId('emergency-card')}[data-tweet-id="${emergency.complaint_id}"]`);
      await card.locator(byTestId('tweet-response')).waitFor();
      await page.locator(byTestId('stat-responded')).filter({ hasText: /^1$/ }).waitFor();
      await page.locator(byTestId('stat-pending')).filter({ hasText: /^0$/ }).waitFor();
    });

    test('a complaint written as markup is shown as text, never run', async () => {
      const complaint = await submitComplaint(server!.url, MARKUP);

      const row = rowOf(page, complaint.complaint_id);
      await row.waitFor();
      expect(await row.locator(byTestId('tweet-text')).textContent()).toBe(MARKUP);
      expect(await row.textContent()).toContain(MARKUP);
      expect(await page.locator(`${byTestId('tweets-table')} img`).count()).toBe(0);
      expect(await page.locator('img').count()).toBe(0);
      expect(dialogs).toHaveLength(0);
    });

    test('the filters and the search ask the server again', async () => {
      await page.locator(byTestId('filter-feedback')).click();
      await rowOf(page, emergency.complaint_id).waitFor({ state: 'detached' });

      await page.locator(byTestId('filter-all')).click();
      await page.locator(byTestId('search')).fill(emergency.reference);
      await page.locator(byTestId('search')).press('Enter');
      await rowOf(page, emergency.complaint_id).waitFor();
      await page.locator(`${byTestId('tweet-row')}:not([data-tweet-id="${emergency.complaint_id}"])`).first().waitFor({ state: 'detached' });
      expect(await page.locator(byTestId('tweet-row')).count()).toBe(1);
    });

    /** A complaint filed, found by its reference, then classified again as a review item by a newer model. */
    const aReviewItem = async (text: string, category: string) => {
      const complaint = await submitComplaint(server!.url, text);
      await page.locator(byTestId('filter-all')).click();
      await page.locator(byTestId('search')).fill(complaint.reference);
      await page.locator(byTestId('search')).press('Enter');
      await rowOf(page, complaint.complaint_id).locator(byTestId('tweet-prediction')).filter({ hasText: /Emergency|Feedback/ }).waitFor();
      // A newer model's answer: Feedback, but close enough to an emergency that a person should look.
      const later = new Date(Date.now() + 1000).toISOString();
      await appendToServerLog([aComplaintClassified(complaint.complaint_id, { prediction: 0, review: true, category, modelVersion: 'review-e2e', classifiedAt: later })]);
      const card = page.locator(`${byTestId('review')} ${byTestId('review-card')}[data-tweet-id="${complaint.complaint_id}"]`);
      await card.waitFor();
      return { complaint, card };
    };

    test('a complaint the classifier doubts waits in "Needs review" until one click decides it', async () => {
      const lane = page.locator(byTestId('review'));
      expect(await lane.isHidden()).toBe(true);
      const { complaint, card } = await aReviewItem('Some men in coach S5 keep staring at us and passing comments', 'security');
      expect(await lane.isVisible()).toBe(true);
      expect(await card.locator(byTestId('tweet-text')).textContent()).toContain('passing comments');
      await page.locator(byTestId('stat-review')).filter({ hasText: /^1$/ }).waitFor();
      await rowOf(page, complaint.complaint_id).locator(byTestId('tweet-review')).waitFor();

      await card.locator(byTestId('review-not-emergency')).click();
      await card.waitFor({ state: 'detached' });
      await lane.waitFor({ state: 'hidden' });
      await page.locator(byTestId('stat-review')).filter({ hasText: /^0$/ }).waitFor();
      const row = rowOf(page, complaint.complaint_id);
      await row.locator(byTestId('tweet-relabeled')).waitFor();
      expect(await row.locator(byTestId('tweet-review')).count()).toBe(0);
      expect(await row.locator(byTestId('tweet-prediction')).textContent()).toBe('Feedback');
    });

    test('calling a review item an emergency asks for its kind when the classifier named no emergency category', async () => {
      const { complaint, card } = await aReviewItem('A man in coach S2 has been unwell since the last station', 'cleanliness');
      const kind = card.locator(byTestId('review-category'));
      expect(await kind.inputValue()).toBe('');

      await card.locator(byTestId('review-emergency')).click();
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'review-category');
      expect(await kind.getAttribute('aria-invalid')).toBe('true');
      expect(await card.count()).toBe(1);

      await kind.selectOption('medical');
      expect(await kind.getAttribute('aria-invalid')).toBeNull();
      await card.locator(byTestId('review-emergency')).click();
      await card.waitFor({ state: 'detached' });
      const row = rowOf(page, complaint.complaint_id);
      await row.locator(byTestId('tweet-relabeled')).waitFor();
      expect(await row.locator(byTestId('tweet-prediction')).textContent()).toBe('Emergency');
      expect(await row.locator(byTestId('tweet-category')).textContent()).toBe('Medical');
    });
  });

  test('without a socket it polls, and goes live again when the socket can connect', async () => {
    const { context, page } = await openDashboard();
    const refuseSocket = (url: URL): boolean => url.pathname === '/socket.io/';
    await context.route(refuseSocket, (route) => route.abort());

    await signIn(page, server!.admin.username, server!.admin.password);
    await page.locator(byTestId('live-status')).filter({ hasText: /^polling$/ }).waitFor();

    const complaint = await submitComplaint(server!.url, 'Coach S7 of 12627 has no water since morning');
    await rowOf(page, complaint.complaint_id).waitFor({ timeout: POLL_WAIT_MS });

    await context.unroute(refuseSocket);
    await page.locator(byTestId('live-status')).filter({ hasText: /^live$/ }).waitFor({ timeout: POLL_WAIT_MS });
    await context.close();
  });
});
