import type { Browser, BrowserContext, Page } from 'playwright-core';
import { byTestId, launchChromium, signInAsAdmin } from './browser';
import { assertBuilt, startServer, type RunningServer } from './railsewa-server';

const RESPONDER = { username: 'meera.resp', password: 'a responder password' };
const MARKUP = '<b>x</b>';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  assertBuilt();
  server = await startServer();
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = async (who: { username: string; password: string }): Promise<{ page: Page; context: BrowserContext }> => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.locator(byTestId('login-username')).fill(who.username);
  await page.locator(byTestId('login-password')).fill(who.password);
  await page.locator(byTestId('login-submit')).click();
  await page.locator(byTestId('admin-name')).filter({ hasText: who.username }).waitFor();
  return { page, context };
};

describe('managing admins in the dashboard (Chromium, embedded)', () => {
  test('a supervisor creates a responder by keyboard, who signs in; then disables them and their session ends', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsAdmin(page, server);
    await page.locator(byTestId('view-admins')).click();
    const row = (name: string) => page.locator(`${byTestId('admin-row')}[data-username="${name}"]`);
    await row(server.admin.username).waitFor();
    // The supervisor's own row offers no way to lock themself out.
    expect(await row(server.admin.username).locator(byTestId('admin-disable')).isDisabled()).toBe(true);

    await page.locator(byTestId('admins-new-username')).focus();
    await page.keyboard.type(RESPONDER.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(RESPONDER.password);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('admins-new-role');
    await page.locator(byTestId('admins-new-role')).selectOption('responder');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator(byTestId('admins-status')).filter({ hasText: `Admin ${RESPONDER.username} created as responder.` }).waitFor();
    await row(RESPONDER.username).locator(byTestId('admin-status')).filter({ hasText: /^active$/ }).waitFor();

    // A name that is only text: the server refuses it, the page shows the reason as text.
    await page.locator(byTestId('admins-new-username')).fill(MARKUP);
    await page.locator(byTestId('admins-new-password')).fill(RESPONDER.password);
    await page.locator(byTestId('admins-create-submit')).click();
    await page.locator(byTestId('admins-status')).filter({ hasText: /username: 3 to 50/ }).waitFor();
    expect(await page.locator(`${byTestId('admins')} b`).count()).toBe(0);

    const responder = await signIn(RESPONDER);
    expect(await responder.page.locator(byTestId('admin-name')).textContent()).toBe(`${RESPONDER.username} (responder)`);
    expect(await responder.page.locator(byTestId('view-admins')).isHidden()).toBe(true);
    await row(RESPONDER.username).locator(byTestId('admin-sessions')).waitFor();

    await page.locator(byTestId('view-queue')).click();
    await page.locator(byTestId('view-admins')).click();
    await row(RESPONDER.username).locator(byTestId('admin-sessions')).filter({ hasText: /^1$/ }).waitFor();
    await row(RESPONDER.username).locator(byTestId('admin-disable')).click();
    await page.locator(byTestId('admins-status')).filter({ hasText: `${RESPONDER.username} is disabled; their sessions ended.` }).waitFor();
    await row(RESPONDER.username).locator(byTestId('admin-status')).filter({ hasText: /^disabled$/ }).waitFor();
    await row(RESPONDER.username).locator(byTestId('admin-enable')).waitFor();

    // The responder's open dashboard notices within the session check and goes back to the sign-in.
    await responder.page.locator(byTestId('login-form')).waitFor({ timeout: 30_000 });
    await responder.page.locator(byTestId('login-username')).fill(RESPONDER.username);
    await responder.page.locator(byTestId('login-password')).fill(RESPONDER.password);
    await responder.page.locator(byTestId('login-submit')).click();
    await responder.page.locator(byTestId('login-error')).filter({ hasText: /\S/ }).waitFor();
    await responder.context.close();
    await context.close();
  }, 120_000);
});
