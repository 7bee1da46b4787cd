import { Router, type RequestHandler, type Request } from 'express';
import { parse as parseCookies } from 'cookie';
import { z } from 'zod';
import type { ReadStore } from '../store/read-store';
import { RateLimitedError, UnauthorizedError } from '../errors';
import { verifyAdmin } from './admins';
import type { RateLimiter } from '../rate-limit';
import { SESSION_COOKIE, type Sessions } from './session';

const loginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });

export const sessionUser = (sessions: Sessions, cookieHeader: string | undefined): string | null =>
  sessions.verify(parseCookies(cookieHeader ?? '')[SESSION_COOKIE]);

export const adminOf = (req: Request): string => {
  const admin = req.res?.locals.admin as string | undefined;
  if (!admin) throw new UnauthorizedError();
  return admin;
};

export const requireAdmin =
  (sessions: Sessions): RequestHandler =>
  (req, res, next) => {
    const admin = sessionUser(sessions, req.headers.cookie);
    if (!admin) throw new UnauthorizedError();
    res.locals.admin = admin;
    next();
  };

export const authRouter = (deps: { store: ReadStore; sessions: Sessions; loginLimiter: RateLimiter; secureCookies: boolean }) => {
  const router = Router();
  router.post('/api/login', async (req, res) => {
    if (!deps.loginLimiter.take(req.ip ?? 'unknown')) throw new RateLimitedError('too many login attempts, wait a minute');
    const { username, password } = loginBody.parse(req.body);
    if (!(await verifyAdmin(deps.store, username, password))) throw new UnauthorizedError('wrong username or password');
    const { token, expiresAt } = deps.sessions.issue(username);
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.secureCookies,
      expires: new Date(expiresAt),
      path: '/',
    });
    res.json({ username });
  });
  router.post('/api/logout', (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.json({ ok: true });
  });
  router.get('/api/me', requireAdmin(deps.sessions), (_req, res) => {
    res.json({ username: res.locals.admin as string });
  });
  return router;
};
