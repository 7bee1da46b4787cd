import type { ComplaintState } from './complaint';

/**
 * The workflow state this process itself decided, per complaint, until the read model shows it: the read model lags
 * the log, so a second click (or a second step right after the first) would otherwise be judged against the state
 * before the first and could decide the same event twice. Commands on one complaint also run one at a time here.
 * Other API processes still see only the read model.
 */
export class RecentDecisions {
  private readonly states = new Map<string, ComplaintState>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly max = 10_000) {}

  /** Runs `work` once the complaint's earlier commands on this process have finished. */
  async serial<T>(complaintId: string, work: () => Promise<T>): Promise<T> {
    const before = this.queues.get(complaintId) ?? Promise.resolve();
    const run = before.then(work, work);
    const settled = run.catch(() => undefined);
    this.queues.set(complaintId, settled);
    try {
      return await run;
    } finally {
      if (this.queues.get(complaintId) === settled) this.queues.delete(complaintId);
    }
  }

  /** The newer of what the read model shows and what this process decided last. */
  stateOf(complaintId: string, projected: ComplaintState): ComplaintState {
    const decided = this.states.get(complaintId);
    if (!decided) return projected;
    if (projected.lastAt !== null && decided.lastAt !== null && projected.lastAt >= decided.lastAt) {
      this.states.delete(complaintId);
      return projected;
    }
    return { ...decided, exists: decided.exists || projected.exists };
  }

  remember(complaintId: string, state: ComplaintState): void {
    this.states.delete(complaintId);
    this.states.set(complaintId, state);
    if (this.states.size > this.max) this.states.delete(this.states.keys().next().value as string);
  }
}
