import type { EventLog, OutgoingMessage } from '../../src/eventlog/event-log';
import { silentLogger } from '../../src/logger';
import { DEAD_LETTERS_TABLE, saveDeadLetters, type ProjectionDeadLetter } from '../../src/projections/dead-letters';
import { deadLetterRelay } from '../../src/roles/dead-letter-relay';
import type { Runtime } from '../../src/runtime';
import { runtimeOn } from '../support/runtime-on';
import { until } from '../support/until';

/** A log whose appends are recorded, and wait for `gate` while it is set; `failures` appends fail first. */
const recordingLog = () => {
  const appended: { topic: string; offset: string }[] = [];
  const state: { gate: Promise<void> | null; failures: number; entered: number } = { gate: null, failures: 0, entered: 0 };
  const unused = () => Promise.reject(new Error('not used by the relay'));
  const log: EventLog = {
    engine: 'embedded',
    ensureTopics: unused,
    subscribe: unused,
    endOffsets: unused,
    close: () => Promise.resolve(),
    append: async (topic: string, messages: OutgoingMessage[]) => {
      state.entered += 1;
      if (state.gate) await state.gate;
      if (state.failures > 0) {
        state.failures -= 1;
        throw new Error('the log is unavailable');
      }
      appended.push(...messages.map((m) => ({ topic, offset: m.headers?.['dlq-source-offset'] ?? '' })));
      return [];
    },
  };
  return { log, appended, state };
};

const aLetter = (offset: number): ProjectionDeadLetter => ({
  topic: 'classified_tweets',
  partition: 0,
  offset,
  key: 'c-1',
  value: Buffer.from([offset]),
  code: 'unknown_schema',
  reason: 'schema id 9 is not registered',
});

describe('the dead-letter relay', () => {
  let runtime: Runtime;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ runtime, dispose } = await runtimeOn('sqlite', 'relay'));
  }, 60_000);
  afterAll(() => dispose?.());
  beforeEach(() => runtime.store.execute(`DELETE FROM ${DEAD_LETTERS_TABLE}`));

  const save = (offset: number) => runtime.store.transaction((tx) => saveDeadLetters(runtime.store, tx, 'complaint_history', [aLetter(offset)], '2026-12-05T01:00:00.000Z'));
  const unpublished = async () =>
    (await runtime.store.query<{ offset_no: number }>(`SELECT offset_no FROM ${DEAD_LETTERS_TABLE} WHERE published_at IS NULL ORDER BY offset_no`)).map((r) => Number(r.offset_no));

  it('publishes a row committed during a run in the run after it, and each row once', async () => {
    const { log, appended, state } = recordingLog();
    const relay = deadLetterRelay({ log, store: runtime.store, logger: silentLogger(), projection: 'complaint_history' });
    await save(1);
    let open = () => undefined as void;
    state.gate = new Promise((resolve) => (open = resolve));
    const first = relay.publish();
    await until(() => state.entered === 1, 'the first run to reach its append');
    // Committed while the first run is in its append: that run has already read the rows it publishes.
    await save(2);
    const second = relay.publish();
    const third = relay.publish();
    state.gate = null;
    open();
    await Promise.all([first, second, third]);
    expect(appended).toEqual([
      { topic: 'classified_tweets.dlq', offset: '1' },
      { topic: 'classified_tweets.dlq', offset: '2' },
    ]);
    expect(await unpublished()).toEqual([]);
    await relay.publish();
    expect(appended).toHaveLength(2);
    await relay.stop();
  });

  it('leaves the rows unpublished when the log cannot take them, and tries again', async () => {
    const { log, appended, state } = recordingLog();
    const relay = deadLetterRelay({ log, store: runtime.store, logger: silentLogger(), projection: 'complaint_history', retryMs: 20 });
    await save(5);
    state.failures = 2;
    await expect(relay.publish()).rejects.toThrow('the log is unavailable');
    expect(await unpublished()).toEqual([5]);
    relay.kick();
    await until(async () => appended.length > 0, 'the retried publication');
    await until(async () => (await unpublished()).length === 0, 'the row marked published');
    expect(appended).toEqual([{ topic: 'classified_tweets.dlq', offset: '5' }]);
    await relay.stop();
  });
});
