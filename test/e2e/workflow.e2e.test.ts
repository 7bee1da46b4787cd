import fs from 'node:fs';
import { chromium, type Browser, type Dialog, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { createAdmin } from '../../src/read-api/admins';
import { openRuntime } from '../../src/runtime';
import { newDeployment, type StackDeployment } from '../support/stack';
import { assertBuilt, startServer, submitComplaint, type RunningServer } from './railsewa-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const MARKUP = '<img src=x onerror=alert(1)> checked with the TTE';
const VIEWER = { username: 'vik.viewer', password: 'a viewer password' };

const byTestId = (id: string): string => `[data-testid="${id}"]`;

interface Target {
  url: string;
  admin: { username: string; password: string };
  addViewer(): Promise<void>;
  stop(): Promise<void>;
}

/** The embedded default: `railsewa serve` with its first admin (a supervisor). */
const embedded = async (): Promise<Target> => {
  const server: RunningServer = await startServer();
  return {
    url: server.url,
    admin: server.admin,
    addViewer: async () => {
      const runtime = await openRuntime(loadConfig({ DATA_DIR: server.dataDir, LOG_LEVEL: 'silent' }, '/nonexistent/.env'), silentLogger());
      try {
        await createAdmin(runtime.store, VIEWER.username, VIEWER.password, undefined, 'viewer');
      } finally {
        await runtime.close();
      }
    },
    stop: () => server.stop(),
  };
};

/** Kafka, the registry and MariaDB: `railsewa serve` on a deployment of its own. */
const scaled = async (): Promise<Target> => {
  const deployment: StackDeployment = await newDeployment('workflow_e2e');
  const admin = { username: 'ops.super', password: 'a supervisor password' };
  await createAdmin(deployment.runtime.store, admin.username, admin.password);
  const serve = await deployment.start('serve');
  return {
    url: serve.url,
    admin,
    addViewer: async () => {
      await createAdmin(deployment.runtime.store, VIEWER.username, VIEWER.password, undefined, 'viewer');
    },
    stop: () => deployment.dispose(),
  };
};

let browser: Browser | undefined;

beforeAll(async () => {
  assertBuilt();
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run make test (or set CHROMIUM_PATH)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

const signIn = async (target: Target, who: { username: string; password: string }): Promise<{ page: Page; dialogs: Dialog[]; close: () => Promise<void> }> => {
  const context = await browser!.newContext();
  const page = await context.newPage();
  const dialogs: Dialog[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog);
    void dialog.dismiss();
  });
  await page.goto(target.url);
  await page.locator(byTestId('login-username')).fill(who.username);
  await page.locator(byTestId('login-password')).fill(who.password);
  await page.locator(byTestId('login-submit')).click();
  await page.locator(byTestId('admin-name')).filter({ hasText: who.username }).waitFor();
  return { page, dialogs, close: () => context.close() };
};

describe.each([
  ['the embedded default', embedded],
  ['Kafka + MariaDB', scaled],
])('the workflow in the dashboard (Chromium) on %s', (_, start) => {
  let target: Target;
  beforeAll(async () => {
    target = await start();
  }, 120_000);
  afterAll(() => target?.stop());

  test('a supervisor takes a complaint through assign → note → respond → resolve → reopen; a viewer sees it with no buttons', async () => {
    const { page, dialogs, close } = await signIn(target, target.admin);
    const { complaint_id: id } = await submitComplaint(target.url, 'Coach S4 of 12627 has no water in the toilets since Bhopal');
    const row = page.locator(`${byTestId('tweet-row')}[data-tweet-id="${id}"]`);
    const status = (text: string) => row.locator(byTestId('tweet-status')).filter({ hasText: new RegExp(`^${text}$`) }).waitFor({ timeout: 60_000 });
    await status('new');

    await row.locator(byTestId('workflow-assign-me')).click();
    await status('in progress');
    await row.locator(byTestId('workflow-assignee-name')).filter({ hasText: `Assigned to ${target.admin.username}` }).waitFor();

    await row.locator('summary', { hasText: 'Add note' }).click();
    await row.locator(byTestId('workflow-note-text')).fill(MARKUP);
    await row.locator(byTestId('workflow-note-submit')).click();
    await row.locator(byTestId('workflow-notes-count')).filter({ hasText: '1 note' }).waitFor();
    expect(await row.locator(byTestId('workflow-last-note')).innerText()).toContain(MARKUP);
    expect(await row.locator(`${byTestId('workflow-last-note')} img`).count()).toBe(0);

    await row.locator(byTestId('respond-text')).fill('Water will be filled at Itarsi.');
    await row.locator(byTestId('respond-submit')).click();
    await status('responded');

    await row.locator(byTestId('workflow-resolve')).click();
    await status('resolved');
    expect(await row.locator(byTestId('respond-form')).count()).toBe(0);

    await row.locator(byTestId('workflow-reopen')).click();
    await status('reopened');
    // The passenger is told nothing new: the one response stays, and an admin may answer again.
    expect(await row.locator(byTestId('tweet-response')).innerText()).toContain('Water will be filled at Itarsi.');
    await row.locator(byTestId('workflow-acknowledge')).waitFor();
    expect(dialogs).toEqual([]);
    await close();

    await target.addViewer();
    const viewer = await signIn(target, VIEWER);
    const seen = viewer.page.locator(`${byTestId('tweet-row')}[data-tweet-id="${id}"]`);
    await seen.locator(byTestId('tweet-status')).filter({ hasText: /^reopened$/ }).waitFor({ timeout: 30_000 });
    await seen.locator(byTestId('workflow-notes-count')).filter({ hasText: '1 note' }).waitFor();
    // A viewer reads: the history is the one button, no step, response or relabel.
    expect(await seen.locator('button').allInnerTexts()).toEqual(['History']);
    expect(await seen.locator(byTestId('respond-form')).count()).toBe(0);
    expect(await seen.locator(byTestId('relabel-form')).count()).toBe(0);
    await viewer.close();
  }, 180_000);
});
