import { Router, type RequestHandler, type Request, type Response } from 'express';
import { parse as parseCookies } from 'cookie';
import type { ReadStore } from '../store/read-store';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { roleAtLeast, type AdminRole } from '../commands/roles';
import { authenticateAdmin } from './admins';
import type { LoginThrottle } from './login-throttle';
import type { PasswordHasher } from './passwords';
import { loginBody } from './schemas';
import { SESSION_COOKIE, type Session, type Sessions } from './session';

export const sessionToken = (cookieHeader: string | undefined): string | undefined => parseCookies(cookieHeader ?? '')[SESSION_COOKIE];

/** The live session a request's cookie names, or null. */
export const sessionOf = (sessions: Sessions, cookieHeader: string | undefined, options?: { touch: boolean }): Promise<Session | null> =>
  sessions.lookup(sessionToken(cookieHeader), options);

export const adminOf = (req: Request): string => {
  const admin = req.res?.locals.admin as string | undefined;
  if (!admin) throw new UnauthorizedError();
  return admin;
};

export const roleOf = (req: Request): AdminRole => {
  const session = req.res?.locals.session as Session | undefined;
  if (!session) throw new UnauthorizedError();
  return session.role;
};

export const requireAdmin =
  (sessions: Sessions): RequestHandler =>
  async (req, res, next) => {
    const session = await sessionOf(sessions, req.headers.cookie);
    if (!session) throw new UnauthorizedError();
    res.locals.admin = session.username;
    res.locals.session = session;
    next();
  };

/** After requireAdmin: the session's admin must have at least `role` (403 otherwise). */
export const requireRole =
  (role: AdminRole): RequestHandler =>
  (req, _res, next) => {
    if (!roleAtLeast(roleOf(req), role)) throw new ForbiddenError('forbidden', `this needs the ${role} role`);
    next();
  };

export interface AuthDeps {
  store: ReadStore;
  sessions: Sessions;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  /** set the cookie's Secure flag (PUBLIC_URL is https) */
  secureCookies: boolean;
}

const setSessionCookie = (res: Response, token: string, expiresAt: number, secure: boolean): void => {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, expires: new Date(expiresAt), path: '/' });
};

export const authRouter = (deps: AuthDeps) => {
  const router = Router();
  router.post('/api/login', async (req, res) => {
    const { username, password } = loginBody.parse(req.body);
    const attempt = deps.throttle.begin(req.ip ?? 'unknown', username);
    let admin: string | null;
    try {
      admin = await authenticateAdmin(deps.store, username, password, deps.hasher);
    } catch (error) {
      attempt.abandoned();
      throw error;
    }
    if (!admin) {
      attempt.failed();
      throw new UnauthorizedError('wrong username or password');
    }
    attempt.succeeded();
    const { token, expiresAt } = await deps.sessions.create(admin, sessionToken(req.headers.cookie));
    setSessionCookie(res, token, expiresAt, deps.secureCookies);
    const session = await deps.sessions.lookup(token, { touch: false });
    res.json({ username: admin, role: session?.role ?? 'viewer' });
  });
  router.post('/api/logout', async (req, res) => {
    const token = sessionToken(req.headers.cookie);
    if (token) await deps.sessions.end(token);
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: deps.secureCookies, path: '/' });
    res.json({ ok: true });
  });
  router.get('/api/me', requireAdmin(deps.sessions), (_req, res) => {
    const session = res.locals.session as Session;
    res.json({ username: session.username, role: session.role });
  });
  return router;
};
