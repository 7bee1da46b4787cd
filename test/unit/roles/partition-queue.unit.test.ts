import { PartitionQueue } from '../../../src/roles/partition-queue';

const deferred = () => {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('PartitionQueue', () => {
  it('hands batches of one partition submitted together to one call, and answers each in order', async () => {
    const calls: string[][] = [];
    const queue = new PartitionQueue<string, string>(async (items) => {
      calls.push(items);
      return items.map((i) => `done ${i}`);
    });
    const answers = await Promise.all([queue.submit(0, 'raw-0'), queue.submit(0, 'classified-0'), queue.submit(1, 'raw-1')]);
    expect(answers).toEqual(['done raw-0', 'done classified-0', 'done raw-1']);
    expect(calls).toContainEqual(['raw-0', 'classified-0']);
    expect(calls).toContainEqual(['raw-1']);
  });

  it('never runs two calls for one partition at once; what arrives meanwhile goes to the next call', async () => {
    const gate = deferred();
    let running = 0;
    let most = 0;
    const calls: string[][] = [];
    const queue = new PartitionQueue<string, number>(async (items) => {
      running += 1;
      most = Math.max(most, running);
      calls.push(items);
      if (calls.length === 1) await gate.promise;
      running -= 1;
      return items.map(() => calls.length);
    });
    const first = queue.submit(3, 'a');
    await new Promise((r) => setImmediate(r));
    const later = [queue.submit(3, 'b'), queue.submit(3, 'c')];
    gate.resolve();
    expect(await first).toBe(1);
    expect(await Promise.all(later)).toEqual([2, 2]);
    expect(calls).toEqual([['a'], ['b', 'c']]);
    expect(most).toBe(1);
  });

  it('rejects every batch of a failed call and goes on with the next', async () => {
    let fail = true;
    const queue = new PartitionQueue<string, string>(async (items) => {
      if (fail) {
        fail = false;
        throw new Error('database down');
      }
      return items;
    });
    const failed = [queue.submit(0, 'a'), queue.submit(0, 'b')];
    await expect(failed[0]).rejects.toThrow('database down');
    await expect(failed[1]).rejects.toThrow('database down');
    await expect(queue.submit(0, 'c')).resolves.toBe('c');
  });
});
