import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { readStats, recountStats } from '../../src/projections/tweets';
import { REPO_ROOT } from '../support/serve-process';
import { newDeployment, type StackDeployment } from '../support/stack';
import { until } from '../support/until';

const service = (name: 'kafka' | 'mariadb', action: 'stop' | 'start') =>
  execFileSync(path.join(REPO_ROOT, 'scripts', 'services', `${name}.sh`), [action], { stdio: 'pipe', timeout: 180_000 });


describe('the broker and MariaDB restarted mid-stream', () => {
  let deployment: StackDeployment;

  beforeAll(async () => {
    deployment = await newDeployment('restarts');
  });
  afterAll(async () => {
    // Whatever happened, leave the shared services running for the tests after this one.
    for (const name of ['kafka', 'mariadb'] as const) {
      try {
        service(name, 'start');
      } catch {
        // already running
      }
    }
    await deployment?.dispose();
  });

  it('loses nothing, answers 503 while the broker is down, and resumes by itself', async () => {
    const serve = await deployment.start('serve');
    const acknowledged: string[] = [];
    const unavailable: { code: string; message: string }[] = [];
    let stop = false;
    let sent = 0;
    const intake = (async () => {
      while (!stop) {
        sent += 1;
        try {
          const res = await fetch(`${serve.url}/api/complaints`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ text: `Complaint ${sent}: coach S4 light not working` }),
            signal: AbortSignal.timeout(20_000),
          });
          const body = (await res.json()) as { complaint_id?: string; error?: { code: string; message: string } };
          if (res.status === 201) acknowledged.push(body.complaint_id!);
          else if (res.status === 503) unavailable.push(body.error!);
          else throw new Error(`unexpected ${res.status}: ${JSON.stringify(body)}`);
        } catch (error) {
          if ((error as Error).message.startsWith('unexpected')) throw error;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    })();

    await until(() => acknowledged.length >= 200, '200 acknowledged complaints');
    service('kafka', 'stop');
    await until(() => unavailable.length >= 3, 'intake to answer 503 while the broker is down');
    const acknowledgedWhileDown = acknowledged.length;
    service('kafka', 'start');
    await until(() => acknowledged.length >= acknowledgedWhileDown + 200, 'intake to accept complaints again');

    service('mariadb', 'stop');
    const beforeDbRestart = acknowledged.length;
    // Intake does not need the read store: complaints are durable on the log and wait for the projector.
    await until(() => acknowledged.length >= beforeDbRestart + 100, 'intake to go on while MariaDB is down');
    service('mariadb', 'start');
    await until(() => acknowledged.length >= beforeDbRestart + 300, 'more complaints after MariaDB is back');
    stop = true;
    await intake;

    expect(unavailable[0]).toMatchObject({ code: 'unavailable', message: expect.stringContaining('could not be stored') });
    const store = deployment.runtime.store;
    await until(async () => {
      try {
        const rows = await store.query<{ tweet_id: string }>('SELECT tweet_id FROM tweets WHERE prediction IS NOT NULL');
        const projected = new Set(rows.map((r) => r.tweet_id));
        return acknowledged.every((id) => projected.has(id));
      } catch {
        return false;
      }
    }, 'every acknowledged complaint projected');
    expect(await readStats(store)).toEqual(await recountStats(store));
  });
});
