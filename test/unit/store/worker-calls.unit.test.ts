import { Worker } from 'node:worker_threads';
import { WorkerCalls } from '../../../src/worker-calls';

/** A worker that answers { id, doubled } for { id, n }, and stays silent for a negative n. */
const ECHO = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, n }) => { if (n >= 0) parentPort.postMessage({ id, doubled: 2 * n }); });
`;

const started = () => {
  const worker = new Worker(ECHO, { eval: true });
  const calls = new WorkerCalls<{ label: string }>(worker);
  worker.on('message', (answer: { id: number; doubled: number }) => {
    const waiting = calls.take(answer.id);
    waiting?.resolve(`${waiting.label}:${answer.doubled}`);
  });
  return { worker, calls };
};

describe('WorkerCalls', () => {
  it('settles each call with its own answer, whatever order they were posted in', async () => {
    const { worker, calls } = started();
    try {
      const answers = await Promise.all([1, 2, 3].map((n) => calls.call<string>({ n }, { label: `n${n}` })));
      expect(answers).toEqual(['n1:2', 'n2:4', 'n3:6']);
      expect(calls.size).toBe(0);
    } finally {
      await worker.terminate();
    }
  });

  it('rejects every waiting call when the worker fails, and forgets them', async () => {
    const { worker, calls } = started();
    try {
      const silent = calls.call<string>({ n: -1 }, { label: 'silent' });
      expect(calls.size).toBe(1);
      calls.failAll(new Error('the worker stopped'));
      await expect(silent).rejects.toThrow('the worker stopped');
      expect(calls.size).toBe(0);
      expect(calls.take(0)).toBeUndefined();
    } finally {
      await worker.terminate();
    }
  });
});
