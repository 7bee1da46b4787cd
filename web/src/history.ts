import type { TweetJson } from '../../src/read-api/socket-events';
import { api } from './api.js';
import { h } from './dom.js';
import { formatTime } from './format.js';
import { categoryName, isMessageKey, onLanguageChange, t, tCount } from './i18n.js';

/** One entry of `GET /api/tweets/:id/history`. */
export interface HistoryEntryJson {
  event_id: string;
  type: string;
  at: string;
  by: string;
  changes: Record<string, string | number | boolean | null>;
}

/** An event type's name in the current language; a type the dashboard does not know is shown as it came. */
export const historyTypeLabel = (type: string): string => {
  const key = `history.type.${type}`;
  return isMessageKey(key) ? t(key) : type;
};

/** A key of the dictionary when it has one, else the text as it came (a field or value the dashboard does not know). */
const known = (key: string, otherwise: string): string => (isMessageKey(key) ? t(key) : otherwise);

const fieldName = (field: string): string => known(`history.field.${field}`, field.replace(/_/g, ' '));

const actorName = (by: string): string => known(`history.actor.${by}`, by);

const changeText = (field: string, value: string | number | boolean | null): string => {
  if (value === null) return '—';
  if (field === 'status' && typeof value === 'string') return known(`status.${value}`, value);
  if (field === 'category' && typeof value === 'string') return categoryName(value);
  return String(value);
};

/** The panel's one instance, made on first use; `tweetId` is the complaint it shows while open. */
const state: { panel: HTMLElement | null; tweetId: string | null; ref: string | null; opener: HTMLElement | null; loads: number } = {
  panel: null,
  tweetId: null,
  ref: null,
  opener: null,
  loads: 0,
};

const part = (testid: string): HTMLElement => {
  const found = state.panel?.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
  if (!found) throw new Error(`the history panel has no ${testid}`);
  return found;
};

const entryItem = (entry: HistoryEntryJson): HTMLElement => {
  const changes = Object.entries(entry.changes).filter(([key]) => key !== 'note');
  return h(
    'li',
    { class: 'history__entry', testid: 'history-entry', attrs: { 'data-type': entry.type } },
    h('p', { class: 'history__what' }, h('strong', { testid: 'history-type' }, historyTypeLabel(entry.type)), ` ${t('history.by')} `, h('span', { testid: 'history-by' }, actorName(entry.by))),
    h('p', { class: 'history__when muted', testid: 'history-at' }, h('time', { attrs: { datetime: entry.at } }, formatTime(entry.at))),
    typeof entry.changes.note === 'string' ? h('blockquote', { class: 'history__note', testid: 'history-entry-note' }, entry.changes.note) : null,
    changes.length > 0
      ? h('dl', { class: 'history__changes', testid: 'history-changes' }, ...changes.flatMap(([key, value]) => [h('dt', {}, fieldName(key)), h('dd', {}, changeText(key, value))]))
      : null,
  );
};

const noteItem = (entry: HistoryEntryJson): HTMLElement =>
  h(
    'li',
    { class: 'history__entry', testid: 'history-note' },
    h('blockquote', { class: 'history__note' }, String(entry.changes.note ?? '')),
    h('p', { class: 'history__when muted' }, actorName(entry.by), ' · ', formatTime(entry.at)),
  );

const render = (entries: HistoryEntryJson[]): void => {
  const notes = entries.filter((e) => e.type === 'ComplaintNoteAdded');
  part('history-entries').replaceChildren(...entries.map(entryItem));
  part('history-notes').replaceChildren(...(notes.length > 0 ? notes.map(noteItem) : [h('li', { class: 'muted' }, t('history.noNotes'))]));
  part('history-status').textContent = entries.length === 0 ? t('history.empty') : tCount({ one: 'history.count.one', other: 'history.count.other' }, entries.length);
};

const load = async (tweetId: string): Promise<void> => {
  const load = ++state.loads;
  try {
    const entries = await api.history(tweetId);
    if (load === state.loads && state.tweetId === tweetId) render(entries);
  } catch (error) {
    if (load === state.loads && state.tweetId === tweetId) part('history-status').textContent = error instanceof Error ? error.message : t('history.failed');
  }
};

/** Closes the panel and gives the focus back to the History button that opened it (found again if re-rendered). */
export const closeHistory = (): void => {
  if (!state.panel || state.tweetId === null) return;
  state.panel.hidden = true;
  const { opener, tweetId } = state;
  state.tweetId = null;
  state.opener = null;
  // A live update may have re-rendered the card or row: then the same complaint's button is found again.
  const button = opener?.isConnected ? opener : document.querySelector<HTMLElement>(`[data-testid="history-open"][data-history-for="${CSS.escape(tweetId)}"]`);
  button?.focus();
};

const panel = (): HTMLElement => {
  if (state.panel) return state.panel;
  const close = h('button', { class: 'button button--small', testid: 'history-close', attrs: { type: 'button', 'aria-label': t('history.closeLabel') } }, t('history.close'));
  close.addEventListener('click', closeHistory);
  const made = h(
    'aside',
    { class: 'history', testid: 'history-panel', attrs: { id: 'history-panel', role: 'dialog', 'aria-labelledby': 'history-title', tabindex: '-1' } },
    h('header', { class: 'history__head' }, h('h2', { attrs: { id: 'history-title' }, testid: 'history-title' }, t('history.title')), close),
    h('p', { class: 'history__status muted', testid: 'history-status', attrs: { role: 'status' } }),
    h('h3', { testid: 'history-events-title' }, t('history.events')),
    h('ol', { class: 'history__list', testid: 'history-entries' }),
    h('h3', { testid: 'history-notes-title' }, t('history.notes')),
    h('ul', { class: 'history__list', testid: 'history-notes' }),
  );
  made.hidden = true;
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && state.tweetId !== null) {
      event.preventDefault();
      closeHistory();
    }
  });
  document.body.append(made);
  state.panel = made;
  // Another language: the panel's own texts, and the open complaint's entries, again in it.
  onLanguageChange(() => {
    part('history-close').textContent = t('history.close');
    part('history-close').setAttribute('aria-label', t('history.closeLabel'));
    part('history-events-title').textContent = t('history.events');
    part('history-notes-title').textContent = t('history.notes');
    if (state.tweetId === null) return;
    part('history-title').textContent = t('history.titleOf', { ref: state.ref ?? state.tweetId });
    void load(state.tweetId);
  });
  return made;
};

/** Opens the side panel on a complaint's history and notes, and moves the focus into it. */
export const openHistory = (tweet: TweetJson, opener: HTMLElement | null = null): void => {
  const shown = panel();
  state.tweetId = tweet.tweet_id;
  state.ref = tweet.reference ?? null;
  state.opener = opener;
  part('history-title').textContent = t('history.titleOf', { ref: tweet.reference ?? tweet.tweet_id });
  part('history-status').textContent = t('history.loading');
  part('history-entries').replaceChildren();
  part('history-notes').replaceChildren();
  shown.hidden = false;
  part('history-close').focus();
  void load(tweet.tweet_id);
};

/** Live updates: the open complaint changed, so its history has more to show. */
export const historyChanged = (tweetIds: string[]): void => {
  if (state.tweetId !== null && tweetIds.includes(state.tweetId)) void load(state.tweetId);
};

/** The button on a card or row that opens the panel. */
export const historyButton = (tweet: TweetJson): HTMLButtonElement => {
  const button = h(
    'button',
    {
      class: 'button button--small',
      testid: 'history-open',
      attrs: { type: 'button', 'aria-haspopup': 'dialog', 'aria-controls': 'history-panel', 'data-history-for': tweet.tweet_id, 'aria-label': t('history.openOn', { ref: tweet.reference ?? tweet.tweet_id }) },
    },
    t('history.open'),
  );
  button.addEventListener('click', () => openHistory(tweet, button));
  return button;
};
