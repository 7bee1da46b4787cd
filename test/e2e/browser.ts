import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunningServer } from './railsewa-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const byTestId = (id: string): string => `[data-testid="${id}"]`;

/** Debian's Chromium, headless; a clear failure when it is not installed (make test installs it). */
export const launchChromium = async (): Promise<Browser> => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run make test, which installs Debian's chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
};

/** Signs in on the dashboard as the server's first admin and waits for the live connection. */
export const signInAsAdmin = async (page: Page, server: RunningServer): Promise<void> => {
  await page.goto(server.url);
  await page.locator(byTestId('login-username')).fill(server.admin.username);
  await page.locator(byTestId('login-password')).fill(server.admin.password);
  await page.locator(byTestId('login-submit')).click();
  await page.locator(byTestId('live-status')).filter({ hasText: /^live$/ }).waitFor();
};
