/**
 * The contract, checked from outside: Schemathesis (PyPI, installed by `make test` into .cache/venv) generates
 * requests for every operation of `/api/openapi.json` against a live `railsewa serve` with an admin session, and
 * fails on any 5xx and on any answer (errors included) that the document does not describe.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, assertBuilt, startServer, submitComplaint, type RunningServer } from './railsewa-server';

const SCHEMATHESIS = path.join(ROOT, '.cache', 'venv', 'bin', 'schemathesis');
const CONFIG = path.join(ROOT, 'test', 'schemathesis', 'schemathesis.toml');
/** generated cases per operation and phase: enough to reach every status, small enough for a few minutes on 2 cores */
const MAX_EXAMPLES = process.env.SCHEMATHESIS_MAX_EXAMPLES ?? '50';
const RUN_TIMEOUT_MS = 8 * 60_000;

const run = (args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(SCHEMATHESIS, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });

describe('the OpenAPI document against the live server (Schemathesis)', () => {
  let server: RunningServer;
  let workDir: string;
  const metricsToken = randomBytes(24).toString('hex');

  beforeAll(async () => {
    assertBuilt();
    if (!fs.existsSync(SCHEMATHESIS)) {
      throw new Error(`Schemathesis is not installed at ${SCHEMATHESIS}: run \`make schemathesis\` (make test does it)`);
    }
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'railsewa-schemathesis-'));
    // The public intake is rate limited per address; the fuzzer sends hundreds of complaints from one.
    server = await startServer({ INTAKE_RATE_PER_MINUTE: '1000000', METRICS_TOKEN: metricsToken });
  });

  afterAll(async () => {
    await server?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('answers every generated request without a 5xx and as the document says', async () => {
    const origin = new URL(server.url).origin;
    const login = await fetch(new URL('/api/login', origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(server.admin),
    });
    expect(login.status).toBe(200);
    const session = /railsewa_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    if (!session) throw new Error('the login set no session cookie');

    // A few complaints, so that reads find rows and the fuzzed writes sometimes name one that exists.
    for (const text of ['Train 12951 coach B3, a man is harassing women', 'Coach S4 toilet is dirty', 'Refund not received for PNR 4512791357']) {
      await submitComplaint(origin, text);
    }

    const document = await fetch(new URL('/api/openapi.json', origin), { headers: { cookie: `railsewa_session=${session}` } });
    expect(document.status).toBe(200);
    const documentFile = path.join(workDir, 'openapi.json');
    fs.writeFileSync(documentFile, await document.text());

    const common = [
      '--config-file',
      CONFIG,
      'run',
      documentFile,
      '--url',
      origin,
      // State-changing requests must come from the dashboard's origin (403 forbidden_origin otherwise).
      '--header',
      `Origin: ${origin}`,
      // Every check: no 5xx; status codes, content types, headers and bodies as documented; invalid input refused and
      // valid input accepted; 401 without the session; 405 for undocumented methods. None is left out.
      '--checks',
      'all',
      '--max-examples',
      MAX_EXAMPLES,
      // One worker: Python 3.11's parser is not safe across threads ("AST constructor recursion depth mismatch"
      // inside Hypothesis), and the machine has two cores anyway.
      '--workers',
      '1',
      '--request-timeout',
      '10',
      ...(process.env.SCHEMATHESIS_SEED ? ['--seed', process.env.SCHEMATHESIS_SEED] : []),
      '--no-color',
    ];
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: workDir,
      RAILSEWA_SESSION: session,
      RAILSEWA_METRICS_TOKEN: metricsToken,
      SCHEMATHESIS_TELEMETRY: 'false',
      NO_COLOR: '1',
    };
    // Every operation but the logout, which would end the session the rest of the run uses; then the logout alone.
    const runs = [
      { name: 'every operation but POST /api/logout', args: [...common, '--exclude-operation-id', 'logout'] },
      { name: 'POST /api/logout, last', args: [...common, '--include-operation-id', 'logout'] },
    ];
    const log = path.join(ROOT, '.cache', 'schemathesis-last-run.txt');
    fs.mkdirSync(path.dirname(log), { recursive: true });
    fs.writeFileSync(log, '');
    for (const { name, args } of runs) {
      const { code, output } = await run(args, env, workDir);
      fs.appendFileSync(log, `#### ${name}\n${output}\n`);
      if (code !== 0) throw new Error(`schemathesis (${name}) exited ${code} (whole log in ${log}):\n${output.slice(-20_000)}`);
      const summary = output.slice(output.lastIndexOf('SUMMARY'));
      expect(summary).toMatch(/Tested: [1-9]/);
      process.stdout.write(`schemathesis, ${name}: ${oneLine(summary)} (whole log in ${log})\n`);
    }
  }, RUN_TIMEOUT_MS + 60_000);
});

/** Schemathesis's summary as one line: operations tested, cases and warnings, without its framed banner lines. */
function oneLine(summary: string): string {
  const tested = /Tested: (\d+)/.exec(summary)?.[1] ?? '?';
  const count = (word: string): string => new RegExp(`(\\d+) ${word}`).exec(summary)?.[1] ?? '0';
  const warnings = summary.split('\n').filter((line) => line.includes('⚠')).length;
  return `operations tested ${tested}, cases generated ${count('generated')}, cases skipped ${count('skipped')}, warnings ${warnings}`;
}
