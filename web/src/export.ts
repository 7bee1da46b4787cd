import { byId } from './dom.js';
import { may } from './role.js';

/**
 * "Export CSV" (supervisors only; the server checks again): downloads GET /api/tweets.csv with the table's current
 * filter and search, read when it is clicked.
 */
export const setUpExport = (): void => {
  const link = byId('export-csv', HTMLAnchorElement);
  link.hidden = !may('supervisor');
  if (link.dataset.ready) return;
  link.dataset.ready = 'yes';
  link.addEventListener('click', () => {
    const filter = document.querySelector<HTMLButtonElement>('#filters button[aria-pressed="true"]')?.value ?? 'all';
    const q = byId('search', HTMLInputElement).value.trim();
    const params = new URLSearchParams({ filter });
    if (q) params.set('q', q);
    link.href = `/api/tweets.csv?${params.toString()}`;
  });
};
