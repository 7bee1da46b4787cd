import path from 'node:path';
import Database from 'better-sqlite3';
import { startServe, type ServeProcess } from '../support/serve-process';
import { tempDir } from '../support/temp';

const TOTAL = 5000;
const CONCURRENCY = 32;

interface Counts {
  total_tweets: number;
  emergency_count: number;
  feedback_count: number;
  responded_count: number;
  pending_count: number;
}

/** Submits complaints until `stopAfter` are acknowledged or the server dies; returns the acknowledged ids. */
const submit = async (server: ServeProcess, from: number, to: number, onAck: (id: string) => void): Promise<number> => {
  let next = from;
  let failures = 0;
  const worker = async () => {
    while (next < to) {
      const i = next++;
      try {
        const res = await fetch(`${server.url}/api/complaints`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: `Complaint ${i}: coach S${i % 9} fan not working, PNR ${4000000000 + i}` }),
        });
        if (res.status === 201) onAck(((await res.json()) as { complaint_id: string }).complaint_id);
        else failures++;
      } catch {
        failures++; // the server was killed: this submission was never acknowledged
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return failures;
};

const waitFor = async (check: () => boolean, what: string, server: ServeProcess): Promise<void> => {
  const deadline = Date.now() + 120_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('crash: kill -9 of serve while 5,000 complaints are submitted', () => {
  const temp = tempDir();
  const env = { DATA_DIR: temp.dir, SESSION_SECRET: 'c'.repeat(48), INTAKE_RATE_PER_MINUTE: '1000000' };
  let server: ServeProcess | undefined;

  afterAll(async () => {
    await server?.kill();
    temp.remove();
  });

  it('keeps every acknowledged complaint exactly once, classified once, with stats equal to a recount', async () => {
    const acknowledged = new Set<string>();
    server = await startServe(env);
    const first = server;
    // Kill the process once a third of the complaints are acknowledged, while requests are in flight.
    const killed = submit(first, 0, TOTAL, (id) => {
      acknowledged.add(id);
      if (acknowledged.size === Math.floor(TOTAL / 3)) void first.kill('SIGKILL');
    });
    const failed = await killed;
    expect(failed).toBeGreaterThan(0);
    const acknowledgedBeforeCrash = acknowledged.size;

    // Restart; the rest of the submissions go to the new process; kill it again while it catches up.
    server = await startServe(env);
    const second = server;
    const remaining = TOTAL - acknowledgedBeforeCrash;
    await submit(second, TOTAL, TOTAL + remaining, (id) => acknowledged.add(id));
    await second.kill('SIGKILL');
    server = await startServe(env);

    const read = new Database(path.join(temp.dir, 'read.db'), { readonly: true });
    const projectedIds = () => new Set((read.prepare('SELECT tweet_id FROM tweets WHERE prediction IS NOT NULL').all() as { tweet_id: string }[]).map((r) => r.tweet_id));
    await waitFor(() => [...acknowledged].every((id) => projectedIds().has(id)), 'every acknowledged complaint to be projected', server);

    const rows = read.prepare('SELECT tweet_id, COUNT(*) AS n FROM tweets GROUP BY tweet_id HAVING n > 1').all();
    expect(rows).toEqual([]);
    expect(acknowledged.size).toBe(TOTAL);

    const stats = read.prepare('SELECT * FROM tweet_stats WHERE id = 1').get() as Counts;
    const recount = read
      .prepare(
        `SELECT COUNT(*) AS total_tweets, SUM(prediction = 1) AS emergency_count, SUM(prediction = 0) AS feedback_count,
                SUM(response_status = 1) AS responded_count, SUM(response_status = 0) AS pending_count
         FROM tweets WHERE received_event_id IS NOT NULL`,
      )
      .get() as Counts;
    expect(stats).toMatchObject(recount);
    read.close();

    // The classifier appended exactly one ComplaintClassified per complaint in the log.
    const log = new Database(path.join(temp.dir, 'events.db'), { readonly: true });
    const received = log.prepare("SELECT COUNT(DISTINCT key) AS n FROM messages WHERE topic = 'raw_tweets'").get() as { n: number };
    const classified = log.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT key) AS k FROM messages WHERE topic = 'classified_tweets'").get() as { n: number; k: number };
    log.close();
    expect(classified).toEqual({ n: received.n, k: received.n });
    expect(received.n).toBeGreaterThanOrEqual(acknowledged.size);
  });
});
