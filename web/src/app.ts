import { ApiError, api, isUnauthorized } from './api.js';
import { Dashboard } from './dashboard.js';
import { byId } from './dom.js';
import { LANGUAGES, currentLanguage, onLanguageChange, setLanguage, t, translatePage, type Language, type MessageKey } from './i18n.js';
import { setSignedIn, signedIn } from './role.js';

translatePage();

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

const languageButtons = Array.from(document.querySelectorAll<HTMLButtonElement>('#language button'));

const dashboard = new Dashboard(() => showLogin(t('session.ended')));
let isSignedIn = false;

/** The server's own message, or the dashboard's words for the answers an admin meets at the door. */
const messageOf = (error: unknown): string => {
  if (error instanceof ApiError) {
    if (error.code === 'network') return t('error.network');
    if (error.status === 401 && error.code === 'unauthorized') return t('login.wrong');
    if (error.status === 429) return t('login.rateLimited');
  }
  return error instanceof Error ? error.message : t('error.generic');
};

const showAdmin = (): void => {
  adminName.textContent = `${signedIn.username} (${t(`role.${signedIn.role}` as MessageKey)})`;
};

const markLanguage = (): void => {
  for (const button of languageButtons) button.setAttribute('aria-pressed', String(button.value === currentLanguage()));
};

for (const button of languageButtons) {
  button.addEventListener('click', () => {
    const chosen = button.value as Language;
    if (LANGUAGES.includes(chosen) && chosen !== currentLanguage()) setLanguage(chosen);
  });
}
onLanguageChange(() => {
  markLanguage();
  if (isSignedIn) showAdmin();
});
markLanguage();

function showLogin(message: string | null): void {
  if (isSignedIn) dashboard.stop();
  isSignedIn = false;
  dashboardView.hidden = true;
  account.hidden = true;
  loginView.hidden = false;
  loginError.textContent = message ?? '';
  loginError.hidden = message === null;
  (usernameField.value ? passwordField : usernameField).focus();
}

function showDashboard(username: string, role: string | undefined): void {
  setSignedIn(username, role);
  showAdmin();
  loginView.hidden = true;
  account.hidden = false;
  dashboardView.hidden = false;
  if (isSignedIn) return;
  isSignedIn = true;
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
      (error: unknown) => showLogin(t('logout.failed', { error: messageOf(error) })),
    )
    .finally(() => {
      logoutButton.disabled = false;
    });
});

api.me().then(
  (me) => showDashboard(me.username, me.role),
  (error: unknown) => showLogin(isUnauthorized(error) ? null : messageOf(error)),
);
