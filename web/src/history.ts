import type { TweetJson } from '../../src/read-api/socket-events';
import { api } from './api.js';
import { h } from './dom.js';
import { formatTime } from './format.js';

/** One entry of `GET /api/tweets/:id/history`. */
export interface HistoryEntryJson {
  event_id: string;
  type: string;
  at: string;
  by: string;
  changes: Record<string, string | number | boolean | null>;
}

const TYPE_LABELS: Record<string, string> = {
  ComplaintReceived: 'Received',
  ComplaintAmended: 'Amended by the passenger',
  ComplaintLocated: 'Location shared',
  ComplaintClassified: 'Classified',
  ResponseGiven: 'Responded',
  ResponseDelivered: 'Response delivered',
  ResponseDeliveryFailed: 'Response not delivered',
  ComplaintRelabeled: 'Relabeled',
  ComplaintAcknowledged: 'Acknowledged',
  ComplaintAssigned: 'Assigned',
  ComplaintNoteAdded: 'Note added',
  ComplaintResolved: 'Resolved',
  ComplaintReopened: 'Reopened',
};

export const historyTypeLabel = (type: string): string => TYPE_LABELS[type] ?? type;

const changeText = (value: string | number | boolean | null): string => (value === null ? '—' : String(value));

/** The panel's one instance, made on first use; `tweetId` is the complaint it shows while open. */
const state: { panel: HTMLElement | null; tweetId: string | null; opener: HTMLElement | null; loads: number } = { panel: null, tweetId: null, opener: null, loads: 0 };

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
    h('p', { class: 'history__what' }, h('strong', { testid: 'history-type' }, historyTypeLabel(entry.type)), ' by ', h('span', { testid: 'history-by' }, entry.by)),
    h('p', { class: 'history__when muted', testid: 'history-at' }, h('time', { attrs: { datetime: entry.at } }, formatTime(entry.at))),
    typeof entry.changes.note === 'string' ? h('blockquote', { class: 'history__note', testid: 'history-entry-note' }, entry.changes.note) : null,
    changes.length > 0
      ? h('dl', { class: 'history__changes', testid: 'history-changes' }, ...changes.flatMap(([key, value]) => [h('dt', {}, key.replace(/_/g, ' ')), h('dd', {}, changeText(value))]))
      : null,
  );
};

const noteItem = (entry: HistoryEntryJson): HTMLElement =>
  h(
    'li',
    { class: 'history__entry', testid: 'history-note' },
    h('blockquote', { class: 'history__note' }, String(entry.changes.note ?? '')),
    h('p', { class: 'history__when muted' }, entry.by, ' · ', formatTime(entry.at)),
  );

const render = (entries: HistoryEntryJson[]): void => {
  const notes = entries.filter((e) => e.type === 'ComplaintNoteAdded');
  part('history-entries').replaceChildren(...entries.map(entryItem));
  part('history-notes').replaceChildren(...(notes.length > 0 ? notes.map(noteItem) : [h('li', { class: 'muted' }, 'No notes.')]));
  part('history-status').textContent = entries.length === 0 ? 'No events recorded yet.' : entries.length === 1 ? '1 event' : `${entries.length} events`;
};

const load = async (tweetId: string): Promise<void> => {
  const load = ++state.loads;
  try {
    const entries = await api.history(tweetId);
    if (load === state.loads && state.tweetId === tweetId) render(entries);
  } catch (error) {
    if (load === state.loads && state.tweetId === tweetId) part('history-status').textContent = error instanceof Error ? error.message : 'the history could not be loaded';
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
  const close = h('button', { class: 'button button--small', testid: 'history-close', attrs: { type: 'button', 'aria-label': 'Close history' } }, 'Close');
  close.addEventListener('click', closeHistory);
  const made = h(
    'aside',
    { class: 'history', testid: 'history-panel', attrs: { id: 'history-panel', role: 'dialog', 'aria-labelledby': 'history-title', tabindex: '-1' } },
    h('header', { class: 'history__head' }, h('h2', { attrs: { id: 'history-title' }, testid: 'history-title' }, 'History'), close),
    h('p', { class: 'history__status muted', testid: 'history-status', attrs: { role: 'status' } }),
    h('h3', {}, 'Events'),
    h('ol', { class: 'history__list', testid: 'history-entries' }),
    h('h3', {}, 'Notes'),
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
  return made;
};

/** Opens the side panel on a complaint's history and notes, and moves the focus into it. */
export const openHistory = (tweet: TweetJson, opener: HTMLElement | null = null): void => {
  const shown = panel();
  state.tweetId = tweet.tweet_id;
  state.opener = opener;
  part('history-title').textContent = `History · ${tweet.reference ?? tweet.tweet_id}`;
  part('history-status').textContent = 'Loading…';
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
      attrs: { type: 'button', 'aria-haspopup': 'dialog', 'aria-controls': 'history-panel', 'data-history-for': tweet.tweet_id },
    },
    'History',
  );
  button.addEventListener('click', () => openHistory(tweet, button));
  return button;
};
