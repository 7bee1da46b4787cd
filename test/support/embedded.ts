import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { createAdmin } from '../../src/read-api/admins';
import { serveAll, type Serving } from '../../src/roles/serve';
import { openRuntime, type Runtime } from '../../src/runtime';
import { tempDir } from './temp';

export const ADMIN = { username: 'ops.admin', password: 'correct horse battery staple' };

export interface EmbeddedProduct {
  runtime: Runtime;
  serving: Serving;
  url: string;
  dataDir: string;
  login(): Promise<string>;
  stop(): Promise<void>;
}

/** The whole product in this process on the embedded engines, on a free port, with one admin. */
export const startEmbedded = async (env: Record<string, string> = {}, dataDir?: string): Promise<EmbeddedProduct> => {
  const temp = dataDir ? { dir: dataDir, remove: () => undefined } : tempDir();
  const config = loadConfig(
    { DATA_DIR: temp.dir, PORT: '0', LOG_LEVEL: 'silent', SESSION_SECRET: 's'.repeat(48), INTAKE_RATE_PER_MINUTE: '100000', ...env },
    '/nonexistent/.env',
  );
  const runtime = await openRuntime(config, silentLogger());
  if (!dataDir) await createAdmin(runtime.store, ADMIN.username, ADMIN.password);
  const serving = await serveAll(runtime);
  const url = serving.api.url.replace(/\/$/, '');
  return {
    runtime,
    serving,
    url,
    dataDir: temp.dir,
    login: async () => {
      const res = await fetch(`${url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      return (res.headers.get('set-cookie') ?? '').split(';')[0];
    },
    stop: async () => {
      await serving.stop();
      await runtime.close();
      temp.remove();
    },
  };
};

export const postJson = (url: string, body: unknown, cookie?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
