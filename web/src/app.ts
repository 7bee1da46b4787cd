import { api, isUnauthorized } from './api.js';
import { Dashboard } from './dashboard.js';
import { byId } from './dom.js';
import { setSignedIn } from './role.js';

const loginView = byId('login-view', HTMLElement);
const loginForm = byId('login-form', HTMLFormElement);
const loginButton = byId('login-submit', HTMLButtonElement);
const loginError = byId('login-error', HTMLElement);
const usernameField = byId('username', HTMLInputElement);
const passwordField = byId('password', HTMLInputElement);
const dashboardView = byId('dashboard-view', HTMLElement);
const account = byId('account', HTMLElement);
const adminName = byId('admin-name', HTMLElement);
const logoutButton = byId('logout', HTMLButtonElement);

const dashboard = new Dashboard(() => showLogin('Your session has ended. Please sign in again.'));
let signedIn = false;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : 'something went wrong');

function showLogin(message: string | null): void {
  if (signedIn) dashboard.stop();
  signedIn = false;
  dashboardView.hidden = true;
  account.hidden = true;
  loginView.hidden = false;
  loginError.textContent = message ?? '';
  loginError.hidden = message === null;
  (usernameField.value ? passwordField : usernameField).focus();
}

function showDashboard(username: string, role: string | undefined): void {
  setSignedIn(username, role);
  adminName.textContent = `${username} (${role ?? 'viewer'})`;
  loginView.hidden = true;
  account.hidden = false;
  dashboardView.hidden = false;
  if (signedIn) return;
  signedIn = true;
  void dashboard.start();
}

loginForm.addEventListener('submit', (event) => {
  event.preventDefault();
  loginButton.disabled = true;
  loginError.hidden = true;
  api
    .login(usernameField.value.trim(), passwordField.value)
    .then(
      (me) => {
        passwordField.value = '';
        showDashboard(me.username, me.role);
      },
      (error: unknown) => showLogin(messageOf(error)),
    )
    .finally(() => {
      loginButton.disabled = false;
    });
});

logoutButton.addEventListener('click', () => {
  logoutButton.disabled = true;
  api
    .logout()
    .then(
      () => showLogin(null),
      (error: unknown) => showLogin(`Signing out failed: ${messageOf(error)}`),
    )
    .finally(() => {
      logoutButton.disabled = false;
    });
});

api.me().then(
  (me) => showDashboard(me.username, me.role),
  (error: unknown) => showLogin(isUnauthorized(error) ? null : messageOf(error)),
);
