import type { RequestHandler } from 'express';
import { ForbiddenError } from '../errors';

/**
 * Whether a browser request comes from the dashboard's own origin: PUBLIC_URL's origin when it is set, else the host
 * the request was sent to. Browsers send `Origin` on every cross-origin request, on every POST and on every WebSocket;
 * a request without one is a same-origin GET or not from a browser, which cookies with SameSite=Strict cannot ride.
 */
export const originAllowed = (origin: string | undefined, host: string | undefined, publicOrigin?: string): boolean => {
  if (origin === undefined) return true;
  if (publicOrigin !== undefined) return origin === publicOrigin;
  if (!host) return false;
  try {
    return new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses (403) a state-changing request from a foreign origin: another site, port or sibling subdomain. */
export const sameOriginWrites =
  (publicOrigin: string | undefined, except: string[] = []): RequestHandler =>
  (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || except.includes(req.path)) return next();
    if (!originAllowed(req.headers.origin, req.headers.host, publicOrigin)) {
      throw new ForbiddenError('forbidden_origin', 'this request came from another origin than the dashboard');
    }
    next();
  };
