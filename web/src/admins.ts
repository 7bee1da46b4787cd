import { api, isUnauthorized, type AdminJson } from './api.js';
import { adminRow, roleName } from './admin-row.js';
import { byId, h } from './dom.js';
import { onLanguageChange, t } from './i18n.js';
import { may, signedIn, type AdminRole } from './role.js';

/**
 * The Admins view, for supervisors only (the API refuses everyone else): the admins with their roles, a form to create
 * one, and per admin a role change, disable or enable, and a new password. Shown instead of the queue like Trends.
 */
export class AdminsView {
  private readonly dashboard = byId('dashboard-view', HTMLElement);
  private readonly section = byId('admins', HTMLElement);
  private readonly button = byId('view-admins', HTMLButtonElement);
  private readonly otherViews = [byId('view-queue', HTMLButtonElement), byId('view-trends', HTMLButtonElement)];
  private readonly body = byId('admins-body', HTMLTableSectionElement);
  private readonly status = byId('admins-status', HTMLElement);
  private readonly form = byId('admins-create', HTMLFormElement);
  private readonly username = byId('admins-new-username', HTMLInputElement);
  private readonly password = byId('admins-new-password', HTMLInputElement);
  private readonly role = byId('admins-new-role', HTMLSelectElement);
  private admins: AdminJson[] = [];
  private visible = false;

  /** `shown` hides the other views; `failed` handles errors that are not the admin's to fix (an ended session) */
  constructor(private readonly deps: { shown: () => void; failed: (error: unknown) => void }) {
    this.button.addEventListener('click', () => this.show(true));
    for (const other of this.otherViews) other.addEventListener('click', () => this.show(false));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const role = this.role.value;
      void this.act(() => api.createAdmin(this.username.value.trim(), this.password.value, role), (admin) => {
        this.form.reset();
        return t('admins.created', { name: admin.username, role: roleName(admin.role) });
      });
    });
    onLanguageChange(() => this.render());
  }

  /** The view's button appears for supervisors only. */
  start(): void {
    this.button.hidden = !may('supervisor');
  }

  clear(): void {
    this.show(false);
    this.button.hidden = true;
    this.admins = [];
    this.body.replaceChildren();
    this.status.textContent = '';
    this.form.reset();
  }

  private show(visible: boolean): void {
    this.visible = visible;
    this.section.hidden = !visible;
    this.dashboard.classList.toggle('dashboard--admins', visible);
    if (!visible) {
      this.button.setAttribute('aria-pressed', 'false');
      return;
    }
    this.deps.shown();
    for (const other of this.otherViews) other.setAttribute('aria-pressed', 'false');
    this.button.setAttribute('aria-pressed', 'true');
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.admins = await api.admins();
      this.render();
    } catch (error) {
      this.failed(error);
    }
  }

  /** Runs one change, says what it did (or the server's reason it did not), and lists the admins again. */
  private async act(change: () => Promise<AdminJson>, said: (admin: AdminJson) => string): Promise<void> {
    this.section.setAttribute('aria-busy', 'true');
    try {
      this.status.textContent = said(await change());
    } catch (error) {
      this.failed(error);
    } finally {
      this.section.removeAttribute('aria-busy');
    }
    if (this.visible) await this.load();
  }

  private failed(error: unknown): void {
    if (isUnauthorized(error)) {
      this.deps.failed(error);
      return;
    }
    this.status.textContent = error instanceof Error ? error.message : t('error.generic');
  }

  private render(): void {
    const actions = {
      changeRole: (username: string, role: AdminRole) =>
        void this.act(() => api.updateAdmin(username, { role }), (a) => t('admins.roleChanged', { name: a.username, role: roleName(a.role) })),
      setDisabled: (username: string, disabled: boolean) =>
        void this.act(() => api.updateAdmin(username, { disabled }), (a) => t(a.disabled ? 'admins.disabled' : 'admins.enabled', { name: a.username })),
      setPassword: (username: string, password: string) =>
        void this.act(() => api.setAdminPassword(username, password), (a) => t('admins.passwordSet', { name: a.username })),
    };
    const rows = this.admins.map((admin) => adminRow(admin, signedIn.username, actions));
    this.body.replaceChildren(...(rows.length > 0 ? rows : [h('tr', {}, h('td', { attrs: { colspan: '6' } }, t('admins.empty')))]));
  }
}
