import { RateLimitedError } from '../errors';
import { RateLimiter } from '../rate-limit';
import { usernameKey } from '../store/username-key';

export interface LoginThrottleOptions {
  /** login attempts per client address per minute; a successful login gives its attempt back */
  perAddressPerMinute: number;
  /** wrong passwords an account takes before it backs off */
  freeFailures: number;
  /** the first back-off; each further wrong password doubles it */
  baseDelayMs: number;
  maxDelayMs: number;
  /** accounts and addresses remembered at most (oldest forgotten first) */
  maxKeys: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  perAddressPerMinute: 10,
  freeFailures: 5,
  baseDelayMs: 5_000,
  maxDelayMs: 15 * 60_000,
  maxKeys: 50_000,
};

/** an account's failures are forgotten after this long without one */
const FORGET_AFTER_MS = 60 * 60_000;

interface AccountState {
  failures: number;
  lockedUntil: number;
  inFlight: number;
  lastFailure: number;
}

/** One login attempt that passed the throttle: report how it ended. */
export interface LoginAttempt {
  succeeded(): void;
  failed(): void;
  /** the check itself could not run (the store was down): counts for nothing */
  abandoned(): void;
}

/**
 * Throttles logins per account and per client address. An account gets `freeFailures` wrong passwords, then backs off
 * exponentially (5 s, 10 s, 20 s ... 15 min), one attempt at a time, whatever address the attempts come from; unknown
 * usernames are throttled alike, so the throttle does not tell them apart either. A success resets the account and
 * gives the address its attempt back. Every refusal carries the seconds to wait (Retry-After). Memory is bounded.
 */
export class LoginThrottle {
  private readonly addresses: RateLimiter;
  private readonly accounts = new Map<string, AccountState>();

  constructor(
    private readonly options: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {
    this.addresses = new RateLimiter(options.perAddressPerMinute, 60_000, now, options.maxKeys);
  }

  /** Admits an attempt or throws RateLimitedError (429, Retry-After). */
  begin(address: string, username: string): LoginAttempt {
    const key = usernameKey(username.slice(0, 100));
    const now = this.now();
    const account = this.account(key, now);
    if (account && now < account.lockedUntil) {
      throw new RateLimitedError('too many wrong passwords for this account; wait before trying again', Math.ceil((account.lockedUntil - now) / 1000));
    }
    if (account && account.failures >= this.options.freeFailures && account.inFlight > 0) {
      throw new RateLimitedError('a login for this account is being checked; try again in a moment', 1);
    }
    if (!this.addresses.take(address)) {
      throw new RateLimitedError('too many login attempts from this address; wait a minute', this.addresses.retryAfterSeconds(address));
    }
    const state = this.remember(key, account ?? { failures: 0, lockedUntil: 0, inFlight: 0, lastFailure: now });
    state.inFlight += 1;
    let ended = false;
    return {
      succeeded: () => {
        if (ended) return;
        ended = true;
        this.addresses.refund(address);
        this.accounts.delete(key);
      },
      failed: () => {
        if (ended) return;
        ended = true;
        const at = this.now();
        state.inFlight = Math.max(0, state.inFlight - 1);
        state.failures += 1;
        state.lastFailure = at;
        const over = state.failures - this.options.freeFailures;
        if (over >= 0) state.lockedUntil = at + Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** Math.min(over, 30));
        this.remember(key, state);
      },
      abandoned: () => {
        if (ended) return;
        ended = true;
        state.inFlight = Math.max(0, state.inFlight - 1);
        this.addresses.refund(address);
      },
    };
  }

  /** accounts remembered (for the memory bound) */
  get accountCount(): number {
    return this.accounts.size;
  }

  private account(key: string, now: number): AccountState | undefined {
    const state = this.accounts.get(key);
    if (state && state.inFlight === 0 && now >= state.lockedUntil && now - state.lastFailure >= FORGET_AFTER_MS) {
      this.accounts.delete(key);
      return undefined;
    }
    return state;
  }

  private remember(key: string, state: AccountState): AccountState {
    this.accounts.delete(key);
    if (this.accounts.size >= this.options.maxKeys) {
      const oldest = this.accounts.keys().next();
      if (!oldest.done) this.accounts.delete(oldest.value);
    }
    this.accounts.set(key, state);
    return state;
  }
}
