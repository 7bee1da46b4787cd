import type { Browser, Page } from 'playwright-core';
import { byTestId, launchChromium, signInAsAdmin } from './browser';
import { assertBuilt, startServer, submitComplaint, type RunningServer } from './railsewa-server';

const MARKUP = '<img src=x onerror=alert(1)> called the TTE';

let browser: Browser | undefined;
let server: RunningServer | undefined;

beforeAll(async () => {
  assertBuilt();
  browser = await launchChromium();
  server = await startServer();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const texts = (page: Page, testid: string) => page.locator(`${byTestId('history-panel')} ${byTestId(testid)}`).allInnerTexts();

test('the history panel shows every step of assign → note → respond → resolve → reopen, and the notes, as text, live; Escape and Close close it', async () => {
  const page = await browser!.newPage();
  const alerts: string[] = [];
  page.on('dialog', (dialog) => {
    alerts.push(dialog.message());
    void dialog.dismiss();
  });
  await signInAsAdmin(page, server!);
  const { complaint_id: id } = await submitComplaint(server!.url, 'Coach S4 of 12627 has no water in the toilets since Bhopal');
  const row = page.locator(`${byTestId('tweet-row')}[data-tweet-id="${id}"]`);
  const status = (text: string) => row.locator(byTestId('tweet-status')).filter({ hasText: new RegExp(`^${text}$`) }).waitFor({ timeout: 60_000 });
  await status('new');

  await row.locator(byTestId('workflow-assign-me')).click();
  await status('in progress');
  await row.locator('summary', { hasText: 'Add note' }).click();
  await row.locator(byTestId('workflow-note-text')).fill(MARKUP);
  await row.locator(byTestId('workflow-note-submit')).click();
  await row.locator(byTestId('workflow-notes-count')).filter({ hasText: '1 note' }).waitFor();
  await row.locator(byTestId('respond-text')).fill('Water will be filled at Itarsi.');
  await row.locator(byTestId('respond-submit')).click();
  await status('responded');
  await row.locator(byTestId('workflow-resolve')).click();
  await status('resolved');
  await row.locator(byTestId('workflow-reopen')).click();
  await status('reopened');

  // Opened from the keyboard: the button takes the focus, Enter opens the panel and the focus moves into it.
  const open = row.locator(byTestId('history-open'));
  await open.focus();
  await page.keyboard.press('Enter');
  const panel = page.locator(byTestId('history-panel'));
  await panel.waitFor({ state: 'visible' });
  expect(await panel.getAttribute('role')).toBe('dialog');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('history-close');
  await panel.locator(byTestId('history-status')).filter({ hasText: '7 events' }).waitFor();
  expect(await texts(page, 'history-type')).toEqual(['Received', 'Classified', 'Assigned', 'Note added', 'Responded', 'Resolved', 'Reopened']);
  expect(await texts(page, 'history-by')).toEqual(['passenger', 'classifier', server!.admin.username, server!.admin.username, server!.admin.username, server!.admin.username, server!.admin.username]);
  expect(await texts(page, 'history-entry-note')).toEqual([MARKUP]);
  expect((await texts(page, 'history-note')).join('\n')).toContain(MARKUP);
  expect(await panel.locator('img').count()).toBe(0);
  const assigned = panel.locator(`${byTestId('history-entry')}[data-type="ComplaintAssigned"] ${byTestId('history-changes')}`);
  expect(await assigned.innerText()).toMatch(new RegExp(`assigned to\\s+${server!.admin.username}`));

  // Live: a step taken while the panel is open shows up in it.
  const acknowledged = await page.evaluate(
    (tweetId) => fetch(`/api/tweets/${encodeURIComponent(tweetId)}/acknowledge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.status),
    id,
  );
  expect(acknowledged).toBe(202);
  await panel.locator(byTestId('history-status')).filter({ hasText: '8 events' }).waitFor();
  expect((await texts(page, 'history-type')).at(-1)).toBe('Acknowledged');

  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'hidden' });
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('history-open');

  await open.click();
  await panel.waitFor({ state: 'visible' });
  await panel.locator(byTestId('history-close')).click();
  await panel.waitFor({ state: 'hidden' });
  expect(alerts).toEqual([]);
  await page.close();
}, 180_000);
