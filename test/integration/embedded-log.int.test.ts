import path from 'node:path';
import Database from 'better-sqlite3';
import { EmbeddedEventLog } from '../../src/eventlog/embedded-log';
import { SeekRequest, type Batch } from '../../src/eventlog/event-log';
import { silentLogger } from '../../src/logger';
import { tempDir } from '../support/temp';

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 10));
};

describe('embedded event log', () => {
  const temp = tempDir();
  let log: EmbeddedEventLog;
  beforeEach(async () => {
    log = EmbeddedEventLog.open(path.join(temp.dir, `${Date.now()}-${Math.random()}.db`), 4, silentLogger());
    await log.ensureTopics([{ topic: 'in' }, { topic: 'out' }]);
  });
  afterEach(() => log.close());
  afterAll(() => temp.remove());

  it('keeps per-key order in one partition and gives consecutive offsets', async () => {
    const appended = await Promise.all(
      Array.from({ length: 50 }, (_, i) => log.append('in', [{ key: `k${i % 3}`, value: Buffer.from(String(i)) }])),
    );
    const byKey = new Map<string, Set<number>>();
    appended.flat().forEach((a, i) => byKey.set(`k${i % 3}`, (byKey.get(`k${i % 3}`) ?? new Set()).add(a.partition)));
    for (const partitions of byKey.values()) expect(partitions.size).toBe(1);
    const ends = await log.endOffsets('in');
    expect([...ends.values()].reduce((a, b) => a + b, 0)).toBe(50);
    for (const [partition, end] of ends) {
      expect(log.read('in', partition, 0, 1000).map((m) => m.offset)).toEqual([...Array(end).keys()]);
    }
  });

  it('resumes a group from its committed offsets', async () => {
    for (let i = 0; i < 10; i++) await log.append('in', [{ key: `k${i}`, value: Buffer.from(String(i)) }]);
    const seen: string[] = [];
    const first = await log.subscribe({
      groupId: 'g',
      topics: ['in'],
      fromBeginning: true,
      eachBatch: async (b: Batch) => void seen.push(...b.messages.map((m) => m.value!.toString())),
    });
    await until(() => seen.length === 10);
    await first.stop();
    for (let i = 10; i < 15; i++) await log.append('in', [{ key: `k${i}`, value: Buffer.from(String(i)) }]);
    const later: string[] = [];
    const second = await log.subscribe({
      groupId: 'g',
      topics: ['in'],
      fromBeginning: true,
      eachBatch: async (b: Batch) => void later.push(...b.messages.map((m) => m.value!.toString())),
    });
    await until(() => later.length === 5);
    await second.stop();
    expect(later.sort()).toEqual(['10', '11', '12', '13', '14']);
  });

  it('commits the offsets of a consumer with its own positions in the background, not with a synced write per batch, and all of them on stop', async () => {
    for (let i = 0; i < 12; i++) await log.append('in', [{ key: `k${i}`, value: Buffer.from(String(i)) }]);
    const perBatch = jest.spyOn(log, 'appendAndCommit');
    let seen = 0;
    const consumer = await log.subscribe({
      groupId: 'own-positions',
      topics: ['in'],
      fromBeginning: true,
      loadPositions: async () => new Map(),
      maxBatchSize: 2,
      eachBatch: async (b: Batch) => void (seen += b.messages.length),
    });
    await until(() => seen === 12);
    await consumer.stop();
    expect(perBatch).not.toHaveBeenCalled();
    const read = [...(await log.endOffsets('in'))].filter(([, end]) => end > 0);
    expect(read.length).toBeGreaterThan(1);
    expect(log.committedOffsets('own-positions', 'in')).toEqual(new Map(read));
  });

  it('commits a batch output and the input offset together; a failed batch is retried, not skipped', async () => {
    for (let i = 0; i < 6; i++) await log.append('in', [{ key: 'same', value: Buffer.from(String(i)) }]);
    let failOnce = true;
    const committed: string[] = [];
    const subscription = await log.subscribe({
      onCommitted: (b, output) => committed.push(`${b.from}-${b.next}:${output.flatMap((o) => o.messages.map((m) => m.value.toString())).join(',')}`),
      groupId: 'transform',
      topics: ['in'],
      fromBeginning: true,
      maxBatchSize: 2,
      eachBatch: async (b) => {
        if (failOnce && b.messages[0].offset === 2) {
          failOnce = false;
          throw new Error('handler failed');
        }
        return [{ topic: 'out', messages: b.messages.map((m) => ({ key: 'same', value: m.value! })) }];
      },
    });
    const outCount = async () => [...(await log.endOffsets('out')).values()].reduce((a, b) => a + b, 0);
    while ((await outCount()) < 6) await new Promise((r) => setTimeout(r, 20));
    await subscription.stop();
    const out = [...(await log.endOffsets('out'))].flatMap(([p]) => log.read('out', p, 0, 100).map((m) => m.value!.toString()));
    expect(out).toEqual(['0', '1', '2', '3', '4', '5']);
    // each batch is reported once, after its commit; the attempt that failed is not
    expect(committed).toEqual(['0-2:0,1', '2-4:2,3', '4-6:4,5']);
  });

  it('seeks back when a handler asks to', async () => {
    for (let i = 0; i < 4; i++) await log.append('in', [{ key: 'same', value: Buffer.from(String(i)) }]);
    const seen: number[] = [];
    let asked = false;
    const subscription = await log.subscribe({
      groupId: 'seeker',
      topics: ['in'],
      fromBeginning: true,
      maxBatchSize: 2,
      eachBatch: async (b) => {
        if (!asked && b.messages[0].offset === 2) {
          asked = true;
          throw new SeekRequest(b.topic, b.partition, 0);
        }
        seen.push(...b.messages.map((m) => m.offset));
      },
    });
    await until(() => seen.length === 6);
    await subscription.stop();
    expect(seen).toEqual([0, 1, 0, 1, 2, 3]);
  });

  it('is durable: a second handle on the file sees every acknowledged append', async () => {
    const file = path.join(temp.dir, 'durable.db');
    const writer = EmbeddedEventLog.open(file, 2, silentLogger());
    await writer.ensureTopics([{ topic: 't' }]);
    await Promise.all(Array.from({ length: 100 }, (_, i) => writer.append('t', [{ key: `k${i}`, value: Buffer.from('x') }])));
    const reader = EmbeddedEventLog.open(file, 2, silentLogger());
    expect([...(await reader.endOffsets('t')).values()].reduce((a, b) => a + b, 0)).toBe(100);
    await reader.close();
    await writer.close();
  });

  it('writes off the event loop: while another process holds the write lock an append waits, and this thread goes on', async () => {
    const file = path.join(temp.dir, 'locked.db');
    const writer = EmbeddedEventLog.open(file, 2, silentLogger());
    await writer.ensureTopics([{ topic: 't' }]);
    const other = new Database(file);
    other.pragma('busy_timeout = 10000');
    other.prepare('BEGIN IMMEDIATE').run();
    let acknowledged = false;
    const appended = writer.append('t', [{ key: 'k', value: Buffer.from('waits for the lock') }]).then((a) => {
      acknowledged = true;
      return a;
    });
    // Timers fire while the append waits: a write on this thread would hold it (and the lock holder) until the busy timeout.
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 10));
    expect(acknowledged).toBe(false);
    other.prepare('COMMIT').run();
    const [{ partition, offset }] = await appended;
    expect(writer.read('t', partition, offset, 1).map((m) => m.value!.toString())).toEqual(['waits for the lock']);
    other.close();
    await writer.close();
  });
});
