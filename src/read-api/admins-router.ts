import { Router, type Request } from 'express';
import type { ReadStore } from '../store/read-store';
import { changeAdmin, createAdmin, findAdminSummary, listAdmins, setAdminPassword, type AdminSummary } from './admins';
import { adminOf, requireAdmin, requireRole } from './auth';
import type { PasswordHasher } from './passwords';
import { adminParams, adminPasswordBody, createAdminBody, updateAdminBody } from './schemas';
import type { Session, Sessions } from './session';

const toAdminJson = (a: AdminSummary) => ({
  username: a.username,
  role: a.role,
  disabled: a.disabledAt !== null,
  disabled_at: a.disabledAt,
  created_at: a.createdAt,
  last_login: a.lastLogin,
  sessions: a.sessions,
});

const sessionOfRequest = (req: Request): Session => req.res?.locals.session as Session;

/** Supervisors manage admins: the same rules as `railsewa admin ...`, and no supervisor can lock the last one out. */
export const adminsRouter = (deps: { store: ReadStore; sessions: Sessions; hasher: PasswordHasher }) => {
  const router = Router();
  const supervisor = [requireAdmin(deps.sessions), requireRole('supervisor')];

  router.get('/api/admins', ...supervisor, async (_req, res) => {
    res.json((await listAdmins(deps.store)).map(toAdminJson));
  });

  router.post('/api/admins', ...supervisor, async (req, res) => {
    const body = createAdminBody.parse(req.body);
    await createAdmin(deps.store, body.username, body.password, deps.hasher, body.role);
    res.status(201).json(toAdminJson(await findAdminSummary(deps.store, body.username)));
  });

  router.patch('/api/admins/:username', ...supervisor, async (req, res) => {
    const { username } = adminParams.parse(req.params);
    const change = updateAdminBody.parse(req.body);
    const changed = await changeAdmin(deps.store, adminOf(req), username, change);
    // After the commit: a sign-in from now on already sees the new role or the disabled account.
    if (changed.endSessions) await deps.sessions.endAllOf(changed.username);
    res.json(toAdminJson(await findAdminSummary(deps.store, changed.username)));
  });

  router.post('/api/admins/:username/password', ...supervisor, async (req, res) => {
    const { username } = adminParams.parse(req.params);
    const { password } = adminPasswordBody.parse(req.body);
    // A supervisor setting their own password stays signed in here; their other sessions end.
    const own = sessionOfRequest(req);
    const { username: name, ended } = await setAdminPassword(deps.store, username, password, deps.hasher, own.idHash);
    deps.sessions.ended(ended);
    res.json(toAdminJson(await findAdminSummary(deps.store, name)));
  });
  return router;
};
