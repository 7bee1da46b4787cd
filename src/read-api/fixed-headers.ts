import type { RequestHandler } from 'express';

/**
 * A middleware that only sets constant headers (helmet's, with no per-request directive), replayed: its headers are
 * recorded once, on a stand-in response, and set on every response. Helmet itself rebuilds its policy string and
 * walks a dozen middlewares on each request.
 */
export const fixedHeaders = (middleware: RequestHandler): RequestHandler => {
  const set: [string, string | number | readonly string[]][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => set.push([name, value]),
    removeHeader: (name: string) => removed.push(name),
  };
  let called = false;
  void middleware({} as never, recorder as never, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error(String(error));
    called = true;
  });
  if (!called) throw new Error('fixedHeaders: the middleware did not finish at once, so its headers are not constant');
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
};
