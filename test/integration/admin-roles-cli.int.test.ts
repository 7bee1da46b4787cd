import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { storeSettings } from '../support/engines';
import { assertBuilt, REPO_ROOT } from '../support/serve-process';
import { tempDir } from '../support/temp';

const PASSWORD = 'a long enough password';

/** `railsewa ARGS` run in `dir` on the read store `env` names (the embedded one when empty), `input` on stdin. */
const railsewaIn = (dir: string, env: Record<string, string> = {}) => (args: string[], input = '') =>
  spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'railsewa'), ...args], {
    cwd: dir,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: dir, DATA_DIR: dir, LOG_LEVEL: 'silent', ...env },
  });

describe('railsewa admin create --role and admin list (embedded)', () => {
  const temp = tempDir();
  afterAll(() => temp.remove());
  const railsewa = railsewaIn(temp.dir);

  it('makes the first admin a supervisor, others responders by default or the role asked for, and lists the roles', () => {
    assertBuilt();
    expect(railsewa(['admin', 'create', 'first.admin'], PASSWORD).stdout).toContain('admin first.admin created (supervisor)');
    expect(railsewa(['admin', 'create', 'asha.r'], PASSWORD).stdout).toContain('(responder)');
    expect(railsewa(['admin', 'create', 'vik.v', '--role', 'viewer'], PASSWORD).stdout).toContain('(viewer)');
    const refused = railsewa(['admin', 'create', 'boss.b', '--role', 'boss'], PASSWORD);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('viewer|responder|supervisor');
    const listed = railsewa(['admin', 'list']).stdout.trim().split('\n').map((line) => line.split('\t').slice(0, 2));
    expect(listed).toEqual([
      ['asha.r', 'responder'],
      ['first.admin', 'supervisor'],
      ['vik.v', 'viewer'],
    ]);
  });
});

describe.each(storeSettings('admin_cli'))('railsewa admin disable keeps an enabled supervisor (%s)', (_name, makeStore) => {
  const temp = tempDir();
  let store: { env: Record<string, string>; drop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    store = await makeStore();
  });
  afterAll(async () => {
    await store?.drop();
    temp.remove();
  });

  it('refuses to disable the last enabled supervisor (exit 1, saying why and what helps), and disables them once there is another', () => {
    assertBuilt();
    const railsewa = railsewaIn(temp.dir, store?.env);
    const states = () => railsewa(['admin', 'list']).stdout.trim().split('\n').map((line) => line.split('\t').slice(0, 3).join(' '));
    expect(railsewa(['admin', 'create', 'first.admin'], PASSWORD).status).toBe(0);

    const refused = railsewa(['admin', 'disable', 'FIRST.admin']);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toBe('first.admin is the last enabled supervisor: create another supervisor first (railsewa admin create NAME --role supervisor)');
    expect(states()).toEqual(['first.admin supervisor active']);

    expect(railsewa(['admin', 'create', 'second.admin', '--role', 'supervisor'], PASSWORD).status).toBe(0);
    const disabled = railsewa(['admin', 'disable', 'first.admin']);
    expect(disabled.status).toBe(0);
    expect(disabled.stdout).toContain('admin first.admin disabled');
    expect(railsewa(['admin', 'disable', 'second.admin']).status).toBe(1);
    expect(railsewa(['admin', 'enable', 'first.admin']).status).toBe(0);
    expect(railsewa(['admin', 'disable', 'second.admin']).status).toBe(0);
  });
});
