import type { TweetJson } from '../../src/read-api/socket-events';
import { api, isUnauthorized } from './api.js';
import { h, type Child } from './dom.js';
import { formatTime } from './format.js';
import { t, tCount, type MessageKey } from './i18n.js';
import { historyButton } from './history.js';
import { may, signedIn } from './role.js';

const MAX_NOTE_LENGTH = 2000;

const STATUSES = new Set(['incomplete', 'new', 'acknowledged', 'in_progress', 'responded', 'resolved', 'reopened']);

export const statusLabel = (status: string): string => (STATUSES.has(status) ? t(`status.${status}` as MessageKey) : status);

const OPEN = new Set(['new', 'acknowledged', 'in_progress', 'responded', 'reopened']);
export const isOpen = (tweet: TweetJson): boolean => OPEN.has(tweet.status);

/** Note drafts outlive re-renders on live updates, like response drafts. */
const noteDrafts = new Map<string, string>();

/**
 * A complaint's place in the admins' workflow: assignee, notes, and the steps the admin's role allows from its status.
 * Notes are internal (never sent to the passenger) and, like every value from the server, set as text.
 */
export const workflowPanel = (tweet: TweetJson, place: string, onError: (error: unknown) => void): HTMLElement => {
  const id = tweet.tweet_id;
  const message = h('p', { class: 'workflow__message', testid: 'workflow-message', attrs: { role: 'status' } });
  const run = (button: HTMLButtonElement, call: () => Promise<unknown>): void => {
    button.disabled = true;
    message.textContent = '';
    call().then(
      () => {
        message.textContent = t('workflow.sent');
      },
      (error: unknown) => {
        button.disabled = false;
        message.textContent = error instanceof Error ? error.message : t('workflow.notSent');
        message.classList.add('workflow__message--error');
        if (isUnauthorized(error)) onError(error);
      },
    );
  };
  const reference = tweet.reference ?? id;
  /** the visible label, and an accessible name that says which complaint: a lane holds many buttons of each kind */
  const action = (testid: string, label: string, call: () => Promise<unknown>): HTMLButtonElement => {
    const button = h(
      'button',
      { class: 'button button--small', testid, attrs: { type: 'button', 'aria-label': t('workflow.actionOn', { action: label, ref: reference }) } },
      label,
    );
    button.addEventListener('click', () => run(button, call));
    return button;
  };

  const buttons: Child[] = [];
  if (may('responder')) {
    if (tweet.status === 'new' || tweet.status === 'reopened') buttons.push(action('workflow-acknowledge', t('workflow.acknowledge'), () => api.acknowledge(id)));
    if (isOpen(tweet) && tweet.assigned_to !== signedIn.username) {
      buttons.push(action('workflow-assign-me', t('workflow.assignMe'), () => api.assign(id, signedIn.username)));
    }
    if (isOpen(tweet)) buttons.push(action('workflow-resolve', t('workflow.resolve'), () => api.resolve(id)));
  }
  if (may('supervisor') && tweet.status === 'resolved') buttons.push(action('workflow-reopen', t('workflow.reopen'), () => api.reopen(id)));

  let assignForm: Child = null;
  if (may('supervisor') && isOpen(tweet)) {
    const field = h('input', { class: 'workflow__assignee', testid: 'workflow-assignee', attrs: { type: 'text', maxlength: '50', 'aria-label': t('workflow.assignee'), placeholder: t('workflow.assigneePlaceholder') } });
    const submit = h('button', { class: 'button button--small', testid: 'workflow-assign-submit', attrs: { type: 'submit' } }, t('workflow.assign'));
    const form = h('form', { class: 'workflow__assign', testid: 'workflow-assign-form' }, field, submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = field.value.trim();
      if (name) run(submit, () => api.assign(id, name));
    });
    assignForm = h('details', { class: 'workflow__box' }, h('summary', {}, t('workflow.assignBox')), form);
  }

  let noteForm: Child = null;
  if (may('responder')) {
    const key = `${place}-${id}`;
    const text = h('textarea', {
      class: 'workflow__note-text',
      testid: 'workflow-note-text',
      attrs: { id: `note-${key}`, rows: '2', maxlength: String(MAX_NOTE_LENGTH), placeholder: t('workflow.notePlaceholder'), 'aria-label': t('workflow.note') },
    });
    text.value = noteDrafts.get(key) ?? '';
    text.addEventListener('input', () => noteDrafts.set(key, text.value));
    const submit = h('button', { class: 'button button--small', testid: 'workflow-note-submit', attrs: { type: 'submit' } }, t('workflow.addNote'));
    const form = h('form', { class: 'workflow__note', testid: 'workflow-note-form' }, text, submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const note = text.value.trim();
      if (!note) return;
      run(submit, async () => {
        await api.addNote(id, note);
        noteDrafts.delete(key);
      });
    });
    noteForm = h('details', { class: 'workflow__box', attrs: noteDrafts.get(key) ? { open: '' } : {} }, h('summary', {}, t('workflow.addNote')), form);
  }

  const assignee = tweet.assigned_to
    ? h('p', { class: 'workflow__fact', testid: 'workflow-assignee-name' }, t('workflow.assignedTo', { who: tweet.assigned_to }))
    : h('p', { class: 'workflow__fact muted', testid: 'workflow-assignee-name' }, t('workflow.unassigned'));
  const notes =
    tweet.notes_count > 0
      ? h(
          'div',
          { class: 'workflow__notes', testid: 'workflow-notes' },
          h('p', { class: 'workflow__fact', testid: 'workflow-notes-count' }, tCount({ one: 'workflow.notes.one', other: 'workflow.notes.other' }, tweet.notes_count)),
          h(
            'blockquote',
            { class: 'workflow__last-note', testid: 'workflow-last-note' },
            tweet.last_note ?? '',
            h('footer', { class: 'muted' }, tweet.last_note_by ?? '', ' · ', formatTime(tweet.last_note_at)),
          ),
        )
      : null;

  return h('div', { class: 'workflow', testid: 'workflow' }, assignee, notes, h('div', { class: 'workflow__actions' }, ...buttons, historyButton(tweet)), assignForm, noteForm, message);
};
