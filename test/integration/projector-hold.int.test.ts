import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import type { Subscription } from '../../src/eventlog/event-log';
import type { HoldSettings } from '../../src/roles/classification-hold';
import { startTweetsProjector } from '../../src/roles/projector';
import { openRuntime, type Runtime } from '../../src/runtime';
import { aComplaintClassified, aComplaintReceived } from '../support/fixtures';
import { tempDir } from '../support/temp';

const WAIT_FOR_EVER: HoldSettings = { holdMs: 600_000, maxHeld: 20_000 };

describe('the projector holds a received complaint until its classification (embedded)', () => {
  let runtime: Runtime;
  let temp: ReturnType<typeof tempDir>;
  const running: Subscription[] = [];
  /** how many committed transactions wrote each complaint's row */
  const writes = new Map<string, number>();
  let batches = 0;

  const start = async (hold: HoldSettings) => {
    const projector = await startTweetsProjector({
      events: runtime.events,
      store: runtime.store,
      logger: silentLogger(),
      hold,
      onCommitted: (applied) => applied.rows.forEach((r) => writes.set(r.tweet_id, (writes.get(r.tweet_id) ?? 0) + 1)),
      onBatch: async () => void (batches += 1),
    });
    running.push(projector);
    return projector;
  };
  const rows = (ids: string[]) =>
    runtime.store.query<{ tweet_id: string; status: string; prediction: number | null; classified_event_id: string | null }>(
      `SELECT tweet_id, status, prediction, classified_event_id FROM tweets WHERE tweet_id IN (${ids.map(() => '?').join(', ')}) ORDER BY tweet_id`,
      ids,
    );
  const waitForRows = async (ids: string[], done: (r: { status: string; classified_event_id: string | null }) => boolean) => {
    while ((await rows(ids)).filter(done).length < ids.length) await new Promise((r) => setTimeout(r, 20));
  };
  const receive = async (label: string, count: number) => {
    const received = Array.from({ length: count }, (_, i) => aComplaintReceived({ complaintId: `${label}-${String(i).padStart(3, '0')}` }));
    await runtime.events.append(received);
    return received.map((e) => e.data.complaintId);
  };
  const classify = (ids: string[]) => runtime.events.append(ids.map((id) => aComplaintClassified(id, { prediction: 1, category: 'medical' })));

  beforeEach(async () => {
    temp = tempDir();
    runtime = await openRuntime(loadConfig({ DATA_DIR: temp.dir, LOG_LEVEL: 'silent' }, '/nonexistent/.env'), silentLogger());
    writes.clear();
    batches = 0;
  });
  afterEach(async () => {
    for (const projector of running.splice(0)) await projector.stop();
    await runtime.close();
    temp.remove();
  });

  it('writes each row once, received and classified together', async () => {
    const ids = await receive('once', 60);
    await start(WAIT_FOR_EVER);
    await classify(ids);
    await waitForRows(ids, (r) => r.status === 'new' && r.classified_event_id !== null);
    expect(ids.map((id) => writes.get(id))).toEqual(ids.map(() => 1));
  });

  it('writes received complaints as they are when the classifier classifies none of them', async () => {
    const ids = await receive('stalled', 10);
    await start({ holdMs: 100, maxHeld: 20_000 });
    await waitForRows(ids, (r) => r.status === 'new' && r.classified_event_id === null);
    expect((await rows(ids)).map((r) => r.prediction)).toEqual(ids.map(() => null));
  });

  it('reads held complaints again after a restart: the checkpoint never covers them', async () => {
    const ids = await receive('restart', 20);
    const first = await start(WAIT_FOR_EVER);
    // Every topic's partitions have been read at least once, so the raw complaints are held.
    while (batches === 0) await new Promise((r) => setTimeout(r, 20));
    await first.stop();
    running.splice(0);
    expect(await rows(ids)).toEqual([]);
    await start(WAIT_FOR_EVER);
    await classify(ids);
    await waitForRows(ids, (r) => r.status === 'new' && r.classified_event_id !== null);
    expect((await rows(ids)).length).toBe(ids.length);
  });
});
