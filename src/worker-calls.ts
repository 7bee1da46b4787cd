import type { Worker } from 'node:worker_threads';

interface Waiting {
  resolve: (answer: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * Calls to a worker thread, answered by id: each message posted carries a new id and the worker's answer carries it
 * back. The worker is referenced only while a call waits, so an idle one never keeps the process alive. `T` is what a
 * caller keeps beside a waiting call (a search's time limit, say).
 */
export class WorkerCalls<T extends object = object> {
  private readonly pending = new Map<number, Waiting & T>();
  private nextId = 0;

  constructor(private readonly worker: Worker) {
    worker.unref();
  }

  /** calls waiting for their answer */
  get size(): number {
    return this.pending.size;
  }

  /** Posts `message` with a new `id`; the promise settles when `take` hands the call to its answer. */
  call<R>(message: object, kept: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const id = this.nextId++;
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { ...kept, resolve: resolve as (answer: unknown) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  /** The call an answer's id belongs to, taken out of the waiting ones (undefined when none waits for it). */
  take(id: number): (Waiting & T) | undefined {
    const waiting = this.pending.get(id);
    if (!waiting) return undefined;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
    return waiting;
  }

  /** Rejects every waiting call (the worker failed or stopped). */
  failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
