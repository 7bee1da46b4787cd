import type { Browser, Page } from 'playwright-core';
import { byTestId, launchChromium, signInAsAdmin } from './browser';
import { until } from '../support/until';
import { assertBuilt, startServer, submitComplaint, type RunningServer } from './railsewa-server';
import { categoryName } from '../../web/src/i18n';

interface Analytics {
  totals: { complaints: number; emergencies: number; review: number };
  top_categories: { category: string; complaints: number }[];
  top_trains: { train: string; complaints: number }[];
  first_response: { count: number };
}

let server: RunningServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  assertBuilt();
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** What the API answers for the range, read with the page's own session. */
const analyticsOf = (page: Page, range = '24h'): Promise<Analytics> =>
  page.evaluate(async (r) => (await (await fetch(`/api/analytics?range=${r}`)).json()) as Analytics, range);

/** Pixels of the canvas that are not transparent: more than none once Chart.js has drawn on it. */
const paintedPixels = (page: Page, testId: string): Promise<number> =>
  page.locator(byTestId(testId)).evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted++;
    return painted;
  });

/** The rows of a figures table as [name, complaints] pairs. */
const tableRows = (page: Page, testId: string): Promise<[string, string][]> =>
  page.locator(`${byTestId(testId)} tbody tr`).evaluateAll((rows) =>
    rows.map((row) => [row.children[0].textContent ?? '', row.children[1].textContent ?? ''] as [string, string]),
  );

describe('the Trends view in Chromium', () => {
  it('opens from the keyboard, draws the charts with the API\'s totals, and takes a new complaint live', async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });

    await submitComplaint(server!.url, 'Train 12951 coach B3: a man is harassing a woman, please help now');
    await submitComplaint(server!.url, 'Train 12951 coach S4: the toilets are dirty and there is no water');
    await signInAsAdmin(page, server!);
    // Before the sign-in the page's /api/me is a 401, as it should be: only what comes after counts.
    problems.length = 0;

    // Tab from the top of the page to the Trends button, and open it with Enter.
    await page.locator('body').focus();
    for (let i = 0; i < 40; i++) {
      if (await page.locator(byTestId('view-trends')).evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    expect(await page.locator(byTestId('view-trends')).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator(byTestId('trends')).waitFor({ state: 'visible' });
    expect(await page.locator(byTestId('view-trends')).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator(byTestId('tweets-table')).isVisible()).toBe(false);

    // Both complaints counted and classified in the analytics, then shown as the API answers them.
    await until(async () => {
      const answer = await analyticsOf(page);
      return answer.totals.complaints === 2 && !answer.top_categories.some((c) => c.category === 'unclassified');
    }, 'the analytics to count both complaints classified', 30_000, 50);
    const api = await analyticsOf(page);
    const shownCategories = () => tableRows(page, 'trends-categories-table');
    // Named as the dashboard names categories everywhere (web/src/i18n.ts, English here).
    const apiCategories = api.top_categories.map((c) => [categoryName(c.category), String(c.complaints)]);
    await until(async () => JSON.stringify(await shownCategories()) === JSON.stringify(apiCategories), 'the page to show the API\'s categories', 30_000, 50);
    const volume = page.locator(byTestId('trends-volume'));
    expect(await volume.getAttribute('data-total')).toBe('2');
    expect(await volume.getAttribute('data-emergencies')).toBe(String(api.totals.emergencies));
    await expect(page.locator(byTestId('trends-summary')).textContent()).resolves.toMatch(/^2 complaints · \d+ emergenc(y|ies) · \d+ needs? review · no first responses yet$/);
    for (const chart of ['trends-volume-chart', 'trends-categories-chart', 'trends-trains-chart', 'trends-response-chart']) {
      expect(await paintedPixels(page, chart)).toBeGreaterThan(0);
    }
    // The figures beside the charts: the hourly table adds up to the total; categories and trains are the API's.
    const hours = await tableRows(page, 'trends-volume-table');
    expect(hours.reduce((n, [, count]) => n + Number(count), 0)).toBe(2);
    expect(await tableRows(page, 'trends-trains-table')).toEqual(api.top_trains.map((t) => [t.train, String(t.complaints)]));

    // A new complaint appears without a reload.
    const live = await submitComplaint(server!.url, 'Train 22691 pantry served stale food <img src=x onerror=alert(1)>');
    await page.locator(`${byTestId('trends-volume')}[data-total="3"]`).waitFor({ timeout: 30_000 });
    await page.locator(`${byTestId('trends-trains')}[data-total="3"]`).waitFor({ timeout: 30_000 });
    expect((await tableRows(page, 'trends-trains-table')).map(([train]) => train)).toEqual(['12951', '22691']);

    // A first response (an acknowledgement) shows in the summary and the first-response chart's figures.
    const acknowledged = await page.evaluate(async (id) => (await fetch(`/api/tweets/${id}/acknowledge`, { method: 'POST' })).status, live.complaint_id);
    expect(acknowledged).toBe(202);
    await page.locator(`${byTestId('trends-response')}[data-total="1"]`).waitFor({ timeout: 30_000 });
    await expect(page.locator(byTestId('trends-summary')).textContent()).resolves.toMatch(/1 first response, mean \d[\d a-z]*$/);
    expect(await tableRows(page, 'trends-response-table')).toEqual([[expect.any(String), '1']]);

    // The other ranges: 7 days per hour, 30 days per day.
    await page.locator(byTestId('trends-range-7d')).click();
    await page.locator(`${byTestId('trends')}[data-range="7d"]`).waitFor();
    expect(await volume.getAttribute('data-total')).toBe('3');
    await page.locator(byTestId('trends-range-30d')).click();
    await page.locator(`${byTestId('trends')}[data-range="30d"]`).waitFor();
    expect(await tableRows(page, 'trends-volume-table')).toEqual([[expect.stringMatching(/^\d{1,2} [A-Z][a-z]{2}$/), '3']]);

    // Back to the queue.
    await page.locator(byTestId('view-queue')).click();
    await page.locator(byTestId('tweets-table')).waitFor({ state: 'visible' });
    expect(await page.locator(byTestId('trends')).isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });
});
