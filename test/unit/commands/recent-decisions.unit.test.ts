import { initialState, type ComplaintState } from '../../../src/commands/complaint';
import { RecentDecisions } from '../../../src/commands/recent-decisions';

const state = (status: ComplaintState['status'], lastAt: string | null): ComplaintState => ({ ...initialState(), exists: true, status, lastAt });

describe('RecentDecisions', () => {
  it('answers its own newer decision while the read model lags, and the read model once it has caught up', () => {
    const recent = new RecentDecisions();
    recent.remember('c-1', state('resolved', '2026-11-20T10:05:00.000Z'));
    expect(recent.stateOf('c-1', state('new', null)).status).toBe('resolved');
    expect(recent.stateOf('c-1', state('acknowledged', '2026-11-20T10:04:00.000Z')).status).toBe('resolved');
    expect(recent.stateOf('c-1', state('reopened', '2026-11-20T10:06:00.000Z')).status).toBe('reopened');
    // Caught up: forgotten.
    expect(recent.stateOf('c-1', state('new', null)).status).toBe('new');
  });

  it('runs one complaint\'s commands one at a time, even when one fails', async () => {
    const recent = new RecentDecisions();
    const order: string[] = [];
    const slow = recent.serial('c-1', async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push('first');
      throw new Error('refused');
    });
    const next = recent.serial('c-1', async () => order.push('second'));
    await expect(slow).rejects.toThrow('refused');
    await next;
    expect(order).toEqual(['first', 'second']);
  });

  it('keeps a bounded number of complaints', () => {
    const recent = new RecentDecisions(2);
    for (const id of ['a', 'b', 'c']) recent.remember(id, state('resolved', '2026-11-20T10:05:00.000Z'));
    expect(recent.stateOf('a', state('new', null)).status).toBe('new');
    expect(recent.stateOf('c', state('new', null)).status).toBe('resolved');
  });
});
