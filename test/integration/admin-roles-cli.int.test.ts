import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { assertBuilt, REPO_ROOT } from '../support/serve-process';
import { tempDir } from '../support/temp';

const PASSWORD = 'a long enough password';

describe('railsewa admin create --role and admin list (embedded)', () => {
  const temp = tempDir();
  afterAll(() => temp.remove());

  const railsewa = (args: string[], input = '') =>
    spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'railsewa'), ...args], {
      cwd: temp.dir,
      input,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: temp.dir, DATA_DIR: temp.dir, LOG_LEVEL: 'silent' },
    });

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
