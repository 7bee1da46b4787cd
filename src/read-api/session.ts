import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'railsewa_session';

/** A stateless session: `username.expiresAt.hmac`, so that any API process with the same secret accepts it. */
export class Sessions {
  constructor(
    private readonly secret: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(username: string): { token: string; expiresAt: number } {
    const expiresAt = this.now() + this.ttlMs;
    const payload = `${Buffer.from(username).toString('base64url')}.${expiresAt}`;
    return { token: `${payload}.${this.sign(payload)}`, expiresAt };
  }

  /** The username of a valid, unexpired token, or null. */
  verify(token: string | undefined): string | null {
    if (!token) return null;
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const payload = `${parts[0]}.${parts[1]}`;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(parts[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    if (Number(parts[1]) < this.now()) return null;
    return Buffer.from(parts[0], 'base64url').toString('utf8');
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
