/**
 * A clock that stands still while work is in flight: it counts only the time the projector spends waiting. Raw
 * complaints wait for their classification for a while of this time, so a projector that is busy writing a backlog
 * (and fetches nothing meanwhile) does not take its own delay for a classifier that has stopped.
 */
export class IdleClock {
  private inFlight = 0;
  private busySince = 0;
  private busyTotal = 0;

  constructor(private readonly wall: () => number = Date.now) {}

  /** Idle milliseconds since an arbitrary start. */
  now(): number {
    const wall = this.wall();
    return wall - this.busyTotal - (this.inFlight > 0 ? wall - this.busySince : 0);
  }

  /** Runs `work` with the clock stopped (overlapping runs stop it once). */
  async busy<T>(work: () => Promise<T>): Promise<T> {
    if (this.inFlight++ === 0) this.busySince = this.wall();
    try {
      return await work();
    } finally {
      if (--this.inFlight === 0) this.busyTotal += this.wall() - this.busySince;
    }
  }
}
