import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export interface RunningServer {
  url: string;
  admin: { username: string; password: string };
  /** the server's DATA_DIR: its embedded event log, which other processes may append to as the CLI does */
  dataDir: string;
  stop(): Promise<void>;
}

/** The browser tests drive what `npm run build && npm run build:web` produced; they build nothing themselves. */
export const assertBuilt = (): void => {
  const needed = ['dist/src/cli.js', 'web/dist/web/src/app.js'];
  const missing = needed.filter((file) => !fs.existsSync(path.join(ROOT, file)));
  if (missing.length > 0) {
    throw new Error(`missing ${missing.join(', ')}: run \`npm run build && npm run build:web\` before the e2e tests`);
  }
};

const waitForExit = (child: ChildProcess, timeoutMs: number): Promise<boolean> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve(true);
      return;
    }
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

/**
 * Starts `railsewa serve` on the embedded default with a fresh data directory and a free port, and reads the
 * dashboard URL and the first admin's password from what it prints. It runs in the data directory with only the
 * settings given here (and `settings`), so a developer's `.env` or Kafka/MySQL variables cannot steer it elsewhere.
 */
export const startServer = async (settings: Record<string, string> = {}): Promise<RunningServer> => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'railsewa-e2e-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'railsewa'), 'serve'], {
    cwd: dataDir,
    env: { PATH: process.env.PATH ?? '', HOME: dataDir, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_TIMEOUT_MS);
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const printed = await new Promise<{ url: string; password: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`railsewa serve printed no URL and password within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)), STARTUP_TIMEOUT_MS);
      const check = (): void => {
        const url = /RailSewa dashboard: (http\S+)/.exec(output)?.[1];
        const password = /First admin created\. Username: \S+ +Password: (\S+)/.exec(output)?.[1];
        if (url && password) {
          clearTimeout(timer);
          resolve({ url, password });
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`railsewa serve exited (${signal ?? code}) before it was ready:\n${output}`));
      });
    });
    const username = /First admin created\. Username: (\S+)/.exec(output)?.[1] ?? 'admin';
    return { url: printed.url, admin: { username, password: printed.password }, dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};

/** Submits a complaint the way the public web intake does; answers its id and reference. */
export const submitComplaint = async (baseUrl: string, text: string): Promise<{ complaint_id: string; reference: string }> => {
  const response = await fetch(new URL('/api/complaints', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  if (response.status !== 201) throw new Error(`POST /api/complaints answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { complaint_id: string; reference: string };
};
