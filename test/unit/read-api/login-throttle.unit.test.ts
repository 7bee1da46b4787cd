import { RateLimitedError } from '../../../src/errors';
import { RateLimiter } from '../../../src/rate-limit';
import { DEFAULT_LOGIN_THROTTLE, LoginThrottle } from '../../../src/read-api/login-throttle';

const refusal = (run: () => unknown): RateLimitedError | null => {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof RateLimitedError) return error;
    throw error;
  }
};

describe('LoginThrottle', () => {
  let now = 0;
  const throttle = () => new LoginThrottle({ ...DEFAULT_LOGIN_THROTTLE, maxKeys: 100 }, () => now);
  beforeEach(() => {
    now = 0;
  });

  it('backs an account off after five wrong passwords, whatever address they come from', () => {
    const t = throttle();
    for (let i = 0; i < 5; i++) t.begin(`10.0.0.${i}`, 'admin').failed();
    const refused = refusal(() => t.begin('10.0.1.1', 'admin'));
    expect(refused?.retryAfterSeconds).toBe(5);
    expect(refused?.message).toMatch(/account/);
  });

  it('doubles the back-off with each further wrong password, up to 15 minutes', () => {
    const t = throttle();
    for (let i = 0; i < 5; i++) t.begin(`10.0.0.${i}`, 'admin').failed();
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const refused = refusal(() => t.begin('10.9.9.9', 'admin'));
      waits.push(refused!.retryAfterSeconds);
      now += refused!.retryAfterSeconds * 1000;
      t.begin(`10.1.0.${i}`, 'admin').failed();
    }
    expect(waits.slice(0, 5)).toEqual([5, 10, 20, 40, 80]);
    expect(Math.max(...waits)).toBe(900);
  });

  it('compares usernames without case: Admin and ADMIN share the account’s budget', () => {
    const t = throttle();
    for (const name of ['admin', 'Admin', 'ADMIN', 'aDmin', 'ａｄｍｉｎ']) t.begin(`10.0.0.${name.length}${name}`, name).failed();
    expect(refusal(() => t.begin('10.0.2.2', 'admin'))).not.toBeNull();
  });

  it('lets one attempt at a time through an account that is backing off', () => {
    const t = throttle();
    for (let i = 0; i < 5; i++) t.begin(`10.0.0.${i}`, 'admin').failed();
    now += 5_000;
    t.begin('10.0.3.1', 'admin');
    expect(refusal(() => t.begin('10.0.3.2', 'admin'))).not.toBeNull();
  });

  it('throttles an address at ten attempts a minute; a success gives its attempt back', () => {
    const t = throttle();
    for (let i = 0; i < 30; i++) t.begin('10.0.0.1', 'asha').succeeded();
    for (let i = 0; i < 10; i++) t.begin('10.0.0.1', `user${i}`).failed();
    const refused = refusal(() => t.begin('10.0.0.1', 'someone-else'));
    expect(refused?.message).toMatch(/address/);
    expect(refused?.retryAfterSeconds).toBe(60);
    now += 60_000;
    expect(refusal(() => t.begin('10.0.0.1', 'someone-else'))).toBeNull();
  });

  it('a success resets the account', () => {
    const t = throttle();
    for (let i = 0; i < 4; i++) t.begin(`10.0.0.${i}`, 'admin').failed();
    t.begin('10.0.0.9', 'admin').succeeded();
    for (let i = 0; i < 4; i++) t.begin(`10.0.1.${i}`, 'admin').failed();
    expect(refusal(() => t.begin('10.0.2.1', 'admin'))).toBeNull();
  });

  it('remembers a bounded number of accounts and addresses', () => {
    const t = throttle();
    for (let i = 0; i < 1000; i++) t.begin(`10.0.${i >> 8}.${i & 255}`, `user${i}`).failed();
    expect(t.accountCount).toBeLessThanOrEqual(100);
  });
});

describe('RateLimiter', () => {
  it('allows `limit` requests per window and key, then refuses until the window passes', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 1000, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
    expect(limiter.retryAfterSeconds('a')).toBe(1);
    expect(limiter.take('b')).toBe(true);
    now = 1000;
    expect(limiter.take('a')).toBe(true);
  });

  it('keeps at most maxKeys keys, however many clients it meets', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 60_000, () => now, 1000);
    for (let i = 0; i < 50_000; i++) {
      now += 1;
      limiter.take(`198.51.100.${i}`);
    }
    expect(limiter.size).toBeLessThanOrEqual(1000);
  });
});
