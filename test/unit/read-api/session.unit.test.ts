import { RateLimiter } from '../../../src/rate-limit';
import { Sessions } from '../../../src/read-api/session';

describe('Sessions', () => {
  const secret = 'x'.repeat(40);

  it('accepts its own token and returns the username', () => {
    const sessions = new Sessions(secret, 60_000);
    expect(sessions.verify(sessions.issue('asha.admin').token)).toBe('asha.admin');
  });

  it.each([
    ['missing', undefined],
    ['garbage', 'abc'],
    ['forged', `${Buffer.from('admin').toString('base64url')}.9999999999999.AAAA`],
  ])('refuses a %s token', (_, token) => {
    expect(new Sessions(secret, 60_000).verify(token)).toBeNull();
  });

  it('refuses a token signed with another secret, or expired, or with a changed username', () => {
    let now = 1_000;
    const sessions = new Sessions(secret, 60_000, () => now);
    const { token } = sessions.issue('admin');
    expect(new Sessions('y'.repeat(40), 60_000, () => now).verify(token)).toBeNull();
    const [, expiry, mac] = token.split('.');
    expect(sessions.verify(`${Buffer.from('root').toString('base64url')}.${expiry}.${mac}`)).toBeNull();
    now += 60_001;
    expect(sessions.verify(token)).toBeNull();
  });
});

describe('RateLimiter', () => {
  it('allows `limit` requests per window and key, then refuses until the window passes', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 1000, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
    expect(limiter.take('b')).toBe(true);
    now = 1000;
    expect(limiter.take('a')).toBe(true);
  });
});
