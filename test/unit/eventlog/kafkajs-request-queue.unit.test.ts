/**
 * kafkajs 2.2.4's request queue re-arms a timer after every check of its pending requests, even with none waiting
 * and no throttling: from the first response on, every broker connection ran a check every millisecond for as long
 * as it lived (kafkajs issue #1556). patches/ stops arming it when nothing waits; these tests pin that, and that
 * waiting and throttled requests are still sent.
 */
interface Entry {
  correlationId: number;
  resolve: jest.Mock;
  reject: jest.Mock;
}
interface Queue {
  throttleCheckTimeoutId: unknown;
  push(request: { entry: Entry; expectResponse: boolean; sendRequest: () => void }): void;
  fulfillRequest(response: { correlationId: number; payload: Buffer; size: number }): void;
  maybeThrottle(ms: number): void;
  destroy(): void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: object) => Queue;

const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const newQueue = (maxInFlightRequests: number) =>
  new RequestQueue({ maxInFlightRequests, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'test', broker: 'b:9092', logger });

let nextId = 0;
const request = (sent: number[]) => {
  const entry: Entry = { correlationId: nextId++, resolve: jest.fn(), reject: jest.fn() };
  return { entry, expectResponse: true, sendRequest: () => sent.push(entry.correlationId) };
};
const answer = (queue: Queue, id: number) => queue.fulfillRequest({ correlationId: id, payload: Buffer.alloc(0), size: 0 });

describe('kafkajs request queue (patched)', () => {
  let queue: Queue;
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    queue.destroy();
    jest.useRealTimers();
  });

  it('leaves no timer behind once every request is answered', () => {
    queue = newQueue(5);
    const sent: number[] = [];
    const first = request(sent);
    queue.push(first);
    answer(queue, first.entry.correlationId);
    expect(first.entry.resolve).toHaveBeenCalledTimes(1);
    expect(queue.throttleCheckTimeoutId).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('sends a request that waited for an in-flight slot when the slot frees up', () => {
    queue = newQueue(1);
    const sent: number[] = [];
    const [a, b] = [request(sent), request(sent)];
    queue.push(a);
    queue.push(b);
    expect(sent).toEqual([a.entry.correlationId]);
    answer(queue, a.entry.correlationId);
    expect(sent).toEqual([a.entry.correlationId, b.entry.correlationId]);
    answer(queue, b.entry.correlationId);
    // the check armed while b waited runs once more and finds nothing to do
    jest.advanceTimersByTime(20);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('sends a request held back by client-side throttling once the throttle is over', () => {
    queue = newQueue(5);
    const sent: number[] = [];
    queue.maybeThrottle(50);
    const held = request(sent);
    queue.push(held);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(49);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(20);
    expect(sent).toEqual([held.entry.correlationId]);
    answer(queue, held.entry.correlationId);
    jest.advanceTimersByTime(20);
    expect(jest.getTimerCount()).toBe(0);
  });
});
