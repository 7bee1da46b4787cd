import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO_ROOT, 'dist', 'src', 'cli.js');

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** the first admin's password, when this start created it */
  adminPassword?: string;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export const assertBuilt = (): void => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (make test does) before these tests`);
};

/** Starts `railsewa serve` as a child process and resolves once it printed its dashboard URL. */
export const startServe = (env: Record<string, string>): Promise<ServeProcess> => startRole('serve', env);

/**
 * Starts one `railsewa ROLE` process; resolves once it says it is running (API and serve: their URL). `nodeArgs` go to
 * node itself (e.g. --cpu-prof, which NODE_OPTIONS does not accept); `cli` is another build's dist/src/cli.js (a bench
 * comparing two revisions).
 */
export const startRole = (
  role: 'serve' | 'api' | 'classifier' | 'projector' | 'bot',
  env: Record<string, string>,
  nodeArgs: string[] = [],
  cli = CLI,
): Promise<ServeProcess> => {
  assertBuilt();
  const ready = role === 'serve' || role === 'api' ? /RailSewa dashboard: (\S+)/ : new RegExp(`railsewa ${role} running()`);
  const child = spawn(process.execPath, [...nodeArgs, cli, role], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      const url = match[1] ?? '';
      child.stdout?.off('data', onData);
      child.stdout?.on('data', (more: Buffer) => (output += more.toString()));
      resolve({
        child,
        url: url.replace(/\/$/, ''),
        adminPassword: /Password: (\S+)/.exec(output)?.[1],
        output: () => output,
        kill: (signal = 'SIGKILL') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code} before it was ready:\n${output}`)));
  });
};
