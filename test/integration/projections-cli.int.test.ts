import { spawn } from 'node:child_process';
import path from 'node:path';
import { storeSettings } from '../support/engines';
import { assertBuilt, REPO_ROOT, startRole } from '../support/serve-process';
import { tempDir } from '../support/temp';
import { until } from '../support/until';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The real CLI, in a child process of its own (asynchronous: a projector may run beside it). */
const cli = (env: Record<string, string>, args: string[]): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'railsewa'), ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });

/** `projections list` as { projection: { generation line, topic: [checkpoint, end, lag] } }. */
const parseList = (stdout: string) => {
  const parsed: Record<string, { head: string; topics: Record<string, number[]> }> = {};
  let current = '';
  for (const line of stdout.trim().split('\n')) {
    if (!line.startsWith(' ')) {
      current = line.split(' ')[0];
      parsed[current] = { head: line, topics: {} };
      continue;
    }
    const match = /^\s+(\S+)\s+checkpoint\s+(\d+)\s+end\s+(\d+)\s+lag\s+(\d+)$/.exec(line);
    if (!match) throw new Error(`unexpected line: ${line}`);
    parsed[current].topics[match[1]] = [Number(match[2]), Number(match[3]), Number(match[4])];
  }
  return parsed;
};

describe.each(storeSettings('projcli'))('railsewa projections list and rebuild (embedded log, %s read store)', (_, open) => {
  const temp = tempDir();
  let env: Record<string, string>;
  let dispose: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    assertBuilt();
    const engine = await open();
    env = { DATA_DIR: temp.dir, ...engine.env };
    dispose = engine.drop;
  });
  afterAll(async () => {
    await dispose();
    temp.remove();
  });

  it('lists every projection with its generation, checkpoints, ends and lag; the projector runs them all; a rebuild swaps in a new generation', async () => {
    for (const text of ['Fan not working in coach B2 of 12951', 'Passenger fainted in coach S4, need a doctor', 'Toilet dirty in coach A1']) {
      expect((await cli(env, ['submit', text])).status).toBe(0);
    }
    const before = parseList((await cli(env, ['projections', 'list'])).stdout);
    expect(Object.keys(before)).toEqual(['tweets', 'complaint_history', 'analytics']);
    expect(before.complaint_history.head).toBe('complaint_history  version 1  generation 1');
    expect(before.complaint_history.topics.raw_tweets).toEqual([0, 3, 3]);
    expect(Object.keys(before.tweets.topics)).toEqual(['raw_tweets', 'classified_tweets', 'tweet_responses']);

    // PROJECTIONS picks the ones a projector process runs.
    const historyOnly = await startRole('projector', { ...env, PROJECTIONS: 'complaint_history' });
    try {
      await until(async () => parseList((await cli(env, ['projections', 'list'])).stdout).complaint_history.topics.raw_tweets[2] === 0, 'complaint_history to catch up');
      expect(parseList((await cli(env, ['projections', 'list'])).stdout).tweets.topics.raw_tweets).toEqual([0, 3, 3]);
    } finally {
      await historyOnly.kill('SIGTERM');
    }

    // By default the projector role runs every registered projection: tweets catches up too.
    const projector = await startRole('projector', env);
    try {
      await until(async () => {
        const listed = parseList((await cli(env, ['projections', 'list'])).stdout);
        return listed.tweets.topics.raw_tweets[2] === 0 && listed.complaint_history.topics.raw_tweets[2] === 0 && listed.analytics.topics.raw_tweets[2] === 0;
      }, 'the projector to apply raw_tweets to every projection');
    } finally {
      await projector.kill('SIGTERM');
    }

    const rebuilt = await cli(env, ['projections', 'rebuild', 'complaint_history']);
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toMatch(/^complaint_history rebuilt from 3 events in [\d.]+ s and swapped in\n$/);
    // Not a terminal: plain lines, no carriage returns.
    expect(rebuilt.stderr).toContain('rebuilding complaint_history: 3/3 events (100%)');
    expect(rebuilt.stderr).not.toContain('\r');
    const after = parseList((await cli(env, ['projections', 'list'])).stdout);
    expect(after.complaint_history.head).toMatch(/^complaint_history {2}version 1 {2}generation 2 \(rebuilt \d{4}-\d\d-\d\dT[\d:.]+Z\)$/);
    expect(after.complaint_history.topics.raw_tweets).toEqual([3, 3, 0]);
    expect(after.tweets.head).toBe('tweets  version 1  generation 1');

    const alias = await cli(env, ['rebuild']);
    expect(alias.status).toBe(0);
    expect(alias.stdout).toMatch(/^tweets rebuilt from 3 events/);
    expect(parseList((await cli(env, ['projections', 'list'])).stdout).tweets.head).toMatch(/^tweets {2}version 1 {2}generation 2 /);

    const unknown = await cli(env, ['projections', 'rebuild', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('usage: railsewa projections list | rebuild NAME (tweets, complaint_history, analytics)');
  });
});
