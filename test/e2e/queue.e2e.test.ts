import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import type { ComplaintEvent } from '../../src/events/complaint';
import { silentLogger } from '../../src/logger';
import { openRuntime } from '../../src/runtime';
import { aComplaintClassified } from '../support/fixtures';
import { byTestId, launchChromium, signInAsAdmin } from './browser';
import { assertBuilt, startServer, submitComplaint, type RunningServer } from './railsewa-server';

/** One page of a lane (web/src/lane.ts LANE_PAGE_SIZE), and two complaints beyond it. */
const LANE_PAGE = 20;
const FEEDBACK = Array.from({ length: LANE_PAGE + 2 }, (_, i) => `Coach S${(i % 9) + 1} of train 126${10 + i} has no water in the toilets`);
const EMERGENCY = 'Train 12951 coach B3: a man is harassing a woman, please help now';
const DOUBTFUL = 'Some men in coach S5 keep staring at us and passing comments';

let server: RunningServer;
let browser: Browser;

/** Appends events to the running server's embedded log from this process, as the CLI does. */
const appendToServerLog = async (events: ComplaintEvent[]): Promise<void> => {
  const runtime = await openRuntime(loadConfig({ DATA_DIR: server.dataDir, LOG_LEVEL: 'silent' }, '/nonexistent/.env'), silentLogger());
  try {
    await runtime.events.append(events);
  } finally {
    await runtime.close();
  }
};

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core from node_modules, run on the page as it is: the serious and critical violations, described. */
const seriousViolations = async (page: Page): Promise<string[]> => {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  }) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}, on ${v.nodes.length} elements such as ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
};

const card = (page: Page, lane: 'open' | 'mine', tweetId: string) =>
  page.locator(`${byTestId(`${lane}-lane`)} ${byTestId(`${lane}-card`)}[data-tweet-id="${tweetId}"]`);

beforeAll(async () => {
  assertBuilt();
  server = await startServer({ INTAKE_RATE_PER_MINUTE: '1000' });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the queue in the dashboard (Chromium, embedded)', () => {
  let context: BrowserContext;
  let page: Page;
  const ids: string[] = [];

  beforeAll(async () => {
    // The dashboard's CSP allows only its own scripts; the context lets the test add axe-core's beside them.
    context = await browser.newContext({ bypassCSP: true });
    page = await context.newPage();
  });
  afterAll(() => context?.close());

  test('the login page has no serious or critical accessibility violations, in English and in Hindi', async () => {
    await page.goto(server.url);
    await page.locator(byTestId('login-form')).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator(byTestId('lang-hi')).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('hi');
    expect(await page.locator('#login-title').textContent()).toBe('एडमिन साइन-इन');
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator(byTestId('lang-en')).click();
    expect(await page.locator('#login-title').textContent()).toBe('Admin sign-in');
  });

  test('new complaints land in Open live; after a reload Open shows one page and "Load more" the rest', async () => {
    await signInAsAdmin(page, server);
    for (const text of FEEDBACK) ids.push((await submitComplaint(server.url, text)).complaint_id);
    const openCards = page.locator(`${byTestId('open-lane')} ${byTestId('open-card')}`);
    await card(page, 'open', ids[ids.length - 1]).waitFor();
    await openCards.nth(FEEDBACK.length - 1).waitFor();

    await page.reload();
    await page.locator(byTestId('live-status')).filter({ hasText: /^live$/ }).waitFor();
    await card(page, 'open', ids[ids.length - 1]).waitFor();
    expect(await openCards.count()).toBe(LANE_PAGE);
    expect(await card(page, 'open', ids[0]).count()).toBe(0);
    const loadMore = page.locator(`${byTestId('open-lane')} ${byTestId('lane-load-more')}`);
    expect(await loadMore.getAttribute('aria-label')).toBe('Load more: Open');
    await loadMore.click();
    await card(page, 'open', ids[0]).waitFor();
    expect(await openCards.count()).toBe(FEEDBACK.length);
    await loadMore.waitFor({ state: 'hidden' });
    expect(await page.locator(`${byTestId('open-count')}`).textContent()).toBe(`${FEEDBACK.length} shown`);
  });

  test('"Assign to me" puts a complaint in Mine; resolving it there takes it out of Mine and Open', async () => {
    const id = ids[ids.length - 1];
    expect(await page.locator(`${byTestId('mine-lane')} ${byTestId('mine-card')}`).count()).toBe(0);
    await card(page, 'open', id).locator(byTestId('workflow-assign-me')).click();
    const mine = card(page, 'mine', id);
    await mine.waitFor();
    await mine.locator(byTestId('workflow-assignee-name')).filter({ hasText: `Assigned to ${server.admin.username}` }).waitFor();
    expect(await page.locator(byTestId('mine-count')).textContent()).toBe('1 shown');

    await mine.locator(byTestId('workflow-resolve')).click();
    await mine.waitFor({ state: 'detached' });
    await card(page, 'open', id).waitFor({ state: 'detached' });
    await page.locator('#mine-empty').waitFor();
    // still listed among all complaints, as resolved
    await page.locator(`${byTestId('tweet-row')}[data-tweet-id="${id}"] ${byTestId('tweet-status')}`).filter({ hasText: /^resolved$/ }).waitFor();
  });

  test('keyboard only: Tab reaches a complaint’s response box and its Send button, with a visible focus ring, and Enter sends', async () => {
    const { complaint_id: id } = await submitComplaint(server.url, 'Coach B2 of 12301 has had no light since Kanpur');
    await card(page, 'open', id).waitFor();
    await page.locator('body').click({ position: { x: 1, y: 1 } });

    const focused = () =>
      page.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        const holder = active?.closest<HTMLElement>('[data-tweet-id]');
        const style = active ? getComputedStyle(active) : null;
        return {
          testid: active?.dataset.testid ?? null,
          tweetId: holder?.dataset.tweetId ?? null,
          lane: active?.closest('section')?.id ?? null,
          outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
          tabindex: active?.getAttribute('tabindex') ?? null,
        };
      });

    let now = await focused();
    for (let presses = 0; presses < 200 && !(now.testid === 'respond-text' && now.tweetId === id && now.lane === 'open'); presses++) {
      await page.keyboard.press('Tab');
      now = await focused();
      expect(Number(now.tabindex ?? 0)).toBeLessThanOrEqual(0);
      if (now.testid !== null) expect(now.outline).not.toMatch(/^none/);
    }
    expect(now).toMatchObject({ testid: 'respond-text', tweetId: id, lane: 'open' });
    await page.keyboard.type('An electrician will board at Etawah.');
    await page.keyboard.press('Tab');
    now = await focused();
    expect(now).toMatchObject({ testid: 'respond-submit', tweetId: id, lane: 'open' });
    expect(now.outline).toMatch(/^solid 3px/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Send the response to complaint RS-/);
    await page.keyboard.press('Enter');

    await card(page, 'open', id).locator(byTestId('tweet-status')).filter({ hasText: /^responded$/ }).waitFor();
    expect(await card(page, 'open', id).locator(byTestId('tweet-response')).textContent()).toContain('An electrician will board at Etawah.');
  });

  test('the dashboard with data (an emergency, a review item, open and assigned work) has no serious or critical violations', async () => {
    const emergency = await submitComplaint(server.url, EMERGENCY);
    const doubtful = await submitComplaint(server.url, DOUBTFUL);
    await page.locator(`${byTestId('emergency-card')}[data-tweet-id="${emergency.complaint_id}"]`).waitFor();
    await card(page, 'open', doubtful.complaint_id).waitFor();
    const later = new Date(Date.now() + 1000).toISOString();
    await appendToServerLog([
      aComplaintClassified(doubtful.complaint_id, { prediction: 0, review: true, category: 'security', modelVersion: 'queue-e2e', classifiedAt: later }),
    ]);
    await page.locator(`${byTestId('review-card')}[data-tweet-id="${doubtful.complaint_id}"]`).waitFor();
    await card(page, 'open', ids[0]).locator(byTestId('workflow-assign-me')).click();
    await card(page, 'mine', ids[0]).waitFor();

    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the Hindi toggle translates the interface, never the complaints, and is remembered across a reload', async () => {
    const id = ids[0];
    await page.locator(byTestId('lang-hi')).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('hi');
    expect(await page.locator(byTestId('lang-hi')).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#open-title').textContent()).toBe('खुली');
    expect(await page.locator('#mine-title').textContent()).toBe('मेरी');
    expect(await page.locator(byTestId('search')).getAttribute('placeholder')).toBe('पाठ, संदर्भ, PNR, ट्रेन खोजें');
    const mine = card(page, 'mine', id);
    expect(await mine.locator(byTestId('tweet-status')).textContent()).toBe('कार्य जारी');
    expect(await mine.locator(byTestId('workflow-resolve')).textContent()).toBe('हल करें');
    expect(await mine.locator(byTestId('tweet-text')).textContent()).toBe(FEEDBACK[0]);
    expect(await page.title()).toBe('रेलसेवा · शिकायत डैशबोर्ड');
    expect(await seriousViolations(page)).toEqual([]);

    await page.reload();
    await page.locator(byTestId('live-status')).filter({ hasText: /^लाइव$/ }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('hi');
    await card(page, 'mine', id).locator(byTestId('tweet-status')).filter({ hasText: /^कार्य जारी$/ }).waitFor();
    expect(await page.locator('#emergencies-title').textContent()).toBe('आपातकालीन');
    expect(await card(page, 'mine', id).locator(byTestId('tweet-text')).textContent()).toBe(FEEDBACK[0]);

    await page.locator(byTestId('lang-en')).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#open-title').textContent()).toBe('Open');
    expect(await card(page, 'mine', id).locator(byTestId('tweet-status')).textContent()).toBe('in progress');
  });

  test.each([
    ['en', { history: 'History', events: 'Events', trends: 'Trends', range: '7 days', figures: 'Figures', admins: 'Admins' }],
    ['hi', { history: 'इतिहास', events: 'घटनाएँ', trends: 'रुझान', range: '7 दिन', figures: 'आँकड़े', admins: 'एडमिन' }],
  ] as const)('the open History panel, the Trends view and the Admins view pass axe-core too, in %s', async (lang, words) => {
    const id = ids[0];
    await page.locator(byTestId(`lang-${lang}`)).click();
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);

    const open = card(page, 'mine', id).locator(byTestId('history-open'));
    expect(await open.textContent()).toBe(words.history);
    await open.click();
    const panel = page.locator(byTestId('history-panel'));
    await panel.waitFor();
    await panel.locator(byTestId('history-entry')).first().waitFor();
    expect(await panel.locator(byTestId('history-title')).textContent()).toMatch(new RegExp(`^${words.history} · `));
    expect(await panel.locator(byTestId('history-events-title')).textContent()).toBe(words.events);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });

    await page.locator(byTestId('view-trends')).click();
    expect(await page.locator('#trends-title').textContent()).toBe(words.trends);
    expect(await page.locator(byTestId('trends-range-7d')).textContent()).toBe(words.range);
    await page.locator(byTestId('trends-summary')).filter({ hasText: /\d/ }).waitFor();
    await page.locator(`${byTestId('trends-volume-table')} th`).first().waitFor({ state: 'attached' });
    expect(await page.locator(`${byTestId('trends-volume')} summary`).textContent()).toBe(words.figures);
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator(byTestId('view-admins')).click();
    await page.locator(byTestId('trends')).waitFor({ state: 'hidden' });
    expect(await page.locator('#admins-title').textContent()).toBe(words.admins);
    await page.locator(`${byTestId('admin-row')}[data-username="${server.admin.username}"]`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator(byTestId('view-queue')).click();
    await page.locator(byTestId('admins')).waitFor({ state: 'hidden' });
  });
});
