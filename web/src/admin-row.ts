import type { AdminJson } from './api.js';
import { h } from './dom.js';
import { formatTime } from './format.js';
import { t, type MessageKey } from './i18n.js';
import type { AdminRole } from './role.js';

const ROLES: AdminRole[] = ['viewer', 'responder', 'supervisor'];

export interface AdminActions {
  changeRole: (username: string, role: AdminRole) => void;
  setDisabled: (username: string, disabled: boolean) => void;
  setPassword: (username: string, password: string) => void;
}

export const roleName = (role: AdminRole): string => t(`role.${role}` as MessageKey);

/**
 * One admin's row: name, a role picker with its button, status, last sign-in, sessions, disable or enable, and a new
 * password. Usernames are text nodes. The signed-in supervisor cannot disable or re-role themself (the server refuses
 * it too), so those controls are off on their own row.
 */
export const adminRow = (admin: AdminJson, self: string, actions: AdminActions): HTMLTableRowElement => {
  const name = admin.username;
  const own = name === self;
  const slug = name.replace(/[^A-Za-z0-9_-]/g, '_');
  const picker = h(
    'select',
    { testid: 'admin-role', attrs: { 'aria-label': t('admins.roleOf', { name }) } },
    ...ROLES.map((role) => {
      const option = h('option', { attrs: { value: role } }, roleName(role));
      option.selected = role === admin.role;
      return option;
    }),
  );
  const changeRole = h('button', { class: 'button', testid: 'admin-change-role', attrs: { type: 'button', 'aria-label': t('admins.changeRoleOf', { name }) } }, t('admins.changeRole'));
  changeRole.addEventListener('click', () => {
    const role = ROLES.find((r) => r === picker.value);
    if (role && role !== admin.role) actions.changeRole(name, role);
  });
  const toggle = h(
    'button',
    {
      class: 'button',
      testid: admin.disabled ? 'admin-enable' : 'admin-disable',
      attrs: { type: 'button', 'aria-label': t(admin.disabled ? 'admins.enableOf' : 'admins.disableOf', { name }) },
    },
    t(admin.disabled ? 'admins.enable' : 'admins.disable'),
  );
  toggle.addEventListener('click', () => actions.setDisabled(name, !admin.disabled));
  picker.disabled = own;
  changeRole.disabled = own;
  toggle.disabled = own;

  const passwordId = `admin-password-${slug}`;
  const password = h('input', {
    testid: 'admin-password',
    attrs: { id: passwordId, type: 'password', autocomplete: 'new-password', minlength: '12', required: '', 'aria-label': t('admins.newPasswordOf', { name }) },
  });
  const passwordForm = h(
    'form',
    { class: 'admins__password' },
    password,
    h('button', { class: 'button', testid: 'admin-set-password', attrs: { type: 'submit', 'aria-label': t('admins.setPasswordOf', { name }) } }, t('admins.setPassword')),
  );
  passwordForm.addEventListener('submit', (event) => {
    event.preventDefault();
    actions.setPassword(name, password.value);
  });

  const row = h(
    'tr',
    { testid: 'admin-row', attrs: { 'data-username': name } },
    h('th', { attrs: { scope: 'row' } }, name, own ? ` ${t('admins.you')}` : ''),
    h('td', {}, h('span', { class: 'admins__role' }, picker, changeRole)),
    h('td', { testid: 'admin-status' }, t(admin.disabled ? 'admins.status.disabled' : 'admins.status.active')),
    h('td', {}, admin.last_login ? formatTime(admin.last_login) : t('admins.never')),
    h('td', { testid: 'admin-sessions' }, String(admin.sessions)),
    h('td', {}, h('span', { class: 'admins__actions' }, toggle, passwordForm)),
  );
  return row;
};
