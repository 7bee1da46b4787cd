import { IdleClock } from '../../../src/roles/idle-clock';

describe('IdleClock', () => {
  let wall = 0;
  const clock = () => new IdleClock(() => wall);
  const deferred = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };

  beforeEach(() => (wall = 1000));

  it('follows the wall clock while nothing is in flight', () => {
    const c = clock();
    const start = c.now();
    wall += 250;
    expect(c.now() - start).toBe(250);
  });

  it('stands still while work is in flight and goes on after it', async () => {
    const c = clock();
    const start = c.now();
    const gate = deferred();
    const work = c.busy(() => gate.promise);
    wall += 5000;
    expect(c.now()).toBe(start);
    gate.resolve();
    await work;
    wall += 100;
    expect(c.now() - start).toBe(100);
  });

  it('counts overlapping work once, until the last of it ends', async () => {
    const c = clock();
    const start = c.now();
    const first = deferred();
    const second = deferred();
    const a = c.busy(() => first.promise);
    wall += 100;
    const b = c.busy(() => second.promise);
    wall += 100;
    first.resolve();
    await a;
    wall += 100;
    expect(c.now()).toBe(start);
    second.resolve();
    await b;
    wall += 40;
    expect(c.now() - start).toBe(40);
  });

  it('goes on after work that failed', async () => {
    const c = clock();
    const start = c.now();
    const failing = c.busy(async () => {
      wall += 300;
      throw new Error('lost the connection');
    });
    await expect(failing).rejects.toThrow('lost the connection');
    wall += 20;
    expect(c.now() - start).toBe(20);
  });
});
