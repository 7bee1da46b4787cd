import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type express from 'express';
import { silentLogger } from '../../../src/logger';
import { createApp, type AppDeps } from '../../../src/read-api/app';
import { buildOpenApiDocument } from '../../../src/read-api/openapi';
import type { Session, Sessions } from '../../../src/read-api/session';
import { SearchTimeoutError } from '../../../src/store/read-store';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Routes that are pages and their assets, not the JSON API: the document leaves them out on purpose. */
const PAGES = [
  'GET /',
  'GET /index.html',
  'GET /styles.css',
  'GET /favicon.svg',
  'GET /api-docs',
  'GET /api-docs/swagger-ui.css',
  'GET /api-docs/swagger-ui-bundle.js',
];

const appWith = (session: Session | null, store = {} as AppDeps['store']): express.Express =>
  createApp({
    store,
    commands: {} as AppDeps['commands'],
    sessions: { lookup: async () => session } as unknown as Sessions,
    hasher: {} as AppDeps['hasher'],
    logger: silentLogger(),
    intakeRatePerMinute: 1,
    webDir: path.join(ROOT, 'web'),
    ready: async () => true,
    trustProxy: false,
    metrics: {} as AppDeps['metrics'],
  });

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every `METHOD /path` the Express app routes, in OpenAPI's spelling of path parameters. */
const routesOf = (app: express.Express): string[] => {
  const found: string[] = [];
  const walk = (stack: Layer[]): void => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
          for (const p of paths) found.push(`${method.toUpperCase()} ${p.replace(/:(\w+)/g, '{$1}')}`);
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found.sort();
};

const operationsOf = (document: ReturnType<typeof buildOpenApiDocument>): string[] =>
  Object.entries(document.paths ?? {})
    .flatMap(([p, item]) => Object.keys(item ?? {}).filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k)).map((m) => `${m.toUpperCase()} ${p}`))
    .sort();

const serve = async (app: express.Express): Promise<{ url: string; close: () => Promise<void> }> => {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument();

  it('is a valid OpenAPI 3.1 document', () => {
    // The validator is an ES module; it runs in its own node process.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'railsewa-openapi-')), 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(document));
    const script =
      "import { Validator } from '@seriousme/openapi-schema-validator';" +
      'const result = await new Validator().validate(process.argv[1]);' +
      'process.stdout.write(JSON.stringify(result));';
    const result = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, file], { cwd: ROOT, encoding: 'utf8' })) as {
      valid: boolean;
      errors?: unknown;
    };
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('describes every route of the app, and only those (pages aside)', () => {
    const routes = routesOf(appWith(null));
    expect(routes.length).toBeGreaterThan(PAGES.length + 10);
    expect(routes.filter((route) => !PAGES.includes(route))).toEqual(operationsOf(document));
    expect(routes).toEqual(expect.arrayContaining(PAGES));
  });

  it('gives every admin route the session scheme, and every error the error shape', () => {
    const publicOperations = ['GET /healthz', 'GET /readyz', 'GET /metrics', 'POST /api/complaints', 'POST /api/login', 'POST /api/logout'];
    for (const [p, item] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(item ?? {})) {
        const name = `${method.toUpperCase()} ${p}`;
        if (!publicOperations.includes(name)) {
          expect([name, operation.security]).toEqual([name, [{ session: [] }]]);
          expect([name, Object.keys(operation.responses)]).toEqual([name, expect.arrayContaining(['401'])]);
        }
        for (const [status, response] of Object.entries(operation.responses as Record<string, { content?: Record<string, { schema: unknown }> }>)) {
          if (Number(status) >= 400 && p !== '/readyz') {
            expect([name, status, response.content?.['application/json']?.schema]).toEqual([name, status, { $ref: '#/components/schemas/Error' }]);
          }
        }
      }
    }
    expect(document.paths?.['/api/login']?.post?.responses?.['429']).toMatchObject({ headers: { 'Retry-After': expect.anything() } });
  });
});

describe('the API reference page and the document endpoint', () => {
  const admin: Session = { idHash: 'h', username: 'ops', role: 'supervisor', expiresAt: Date.now() + 60_000 };

  it('answers 405 with Allow for a documented path asked with another method, and 404 for an unknown path', async () => {
    const server = await serve(appWith(admin));
    try {
      const wrong = await fetch(`${server.url}/api/stats`, { method: 'DELETE' });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toBe('GET, HEAD');
      expect(await wrong.json()).toEqual({ error: { code: 'method_not_allowed', message: expect.any(String) } });
      const param = await fetch(`${server.url}/api/tweets/abc`, { method: 'PUT' });
      expect(param.status).toBe(405);
      expect((await fetch(`${server.url}/api/nothing-here`, { method: 'PUT' })).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('answers a search the store stopped at its time limit with 503 search_timeout, as documented', async () => {
    // a search is read by searchQuery or, as a page encoded where it is read, by queryEncoded: both are stopped
    const timedOut = async () => Promise.reject(new SearchTimeoutError(3000));
    const stopped = { searchQuery: timedOut, queryEncoded: timedOut } as unknown as AppDeps['store'];
    const server = await serve(appWith(admin, stopped));
    try {
      const answer = await fetch(`${server.url}/api/tweets?q=please`);
      expect(answer.status).toBe(503);
      expect(await answer.json()).toEqual({ error: { code: 'search_timeout', message: expect.stringContaining('3000 ms') } });
      const documented = buildOpenApiDocument().paths?.['/api/tweets']?.get?.responses?.['503'] as { description: string };
      expect(documented.description).toContain('search_timeout');
    } finally {
      await server.close();
    }
  });

  it('serves the document and the page only to a session, the page under the dashboard\'s strict CSP', async () => {
    const anonymous = await serve(appWith(null));
    try {
      expect((await fetch(`${anonymous.url}/api/openapi.json`)).status).toBe(401);
      const page = await fetch(`${anonymous.url}/api-docs`, { redirect: 'manual' });
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe('/');
    } finally {
      await anonymous.close();
    }
    const loggedIn = await serve(appWith(admin));
    try {
      const served = await fetch(`${loggedIn.url}/api/openapi.json`);
      expect(served.status).toBe(200);
      expect(await served.json()).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
      const page = await fetch(`${loggedIn.url}/api-docs`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/api-docs/swagger-ui-bundle.js');
      const pageCsp = page.headers.get('content-security-policy') ?? '';
      const bundle = await fetch(`${loggedIn.url}/api-docs/swagger-ui-bundle.js`);
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toMatch(/javascript/);
      const dashboardCsp = (await fetch(`${loggedIn.url}/`)).headers.get('content-security-policy') ?? '';
      expect(dashboardCsp).toContain("style-src 'self';");
      expect(dashboardCsp).not.toContain('unsafe-');
      expect(pageCsp).toBe(dashboardCsp);
    } finally {
      await loggedIn.close();
    }
  });
});
