import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { fixedHeaders } from '../../../src/read-api/fixed-headers';
import { securityHeaders } from '../../../src/read-api/app';

/** The headers a GET answers through `middleware`, but the ones that change with every answer. */
const headersThrough = async (middleware: RequestHandler): Promise<Record<string, string>> => {
  const app = express();
  app.use(middleware);
  app.get('/', (_req, res) => {
    res.json({ ok: true });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    delete headers.date;
    return headers;
  } finally {
    server.closeAllConnections();
    server.close();
  }
};

describe('security headers recorded once and replayed', () => {
  it.each([false, true])('sets exactly the headers helmet sets (https %s)', async (https) => {
    const replayed = await headersThrough(fixedHeaders(securityHeaders(https)));
    expect(replayed).toEqual(await headersThrough(securityHeaders(https)));
    expect(replayed['content-security-policy']).toContain("default-src 'self'");
    expect('strict-transport-security' in replayed).toBe(https);
    expect('x-powered-by' in replayed).toBe(false);
  });

  it('refuses a middleware that does not finish at once: its headers may vary', () => {
    const later: RequestHandler = (_req, _res, next) => void setImmediate(next);
    expect(() => fixedHeaders(later)).toThrow(/not constant/);
  });
});
