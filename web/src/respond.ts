import type { TweetJson } from '../../src/read-api/socket-events';
import { api, isUnauthorized } from './api.js';
import { h } from './dom.js';
import { formatTime, isResponded } from './format.js';
import { t } from './i18n.js';
import { may } from './role.js';

const MAX_RESPONSE_LENGTH = 2000;

export interface ResponderEvents {
  /** the command was accepted; the row turns responded when the projection has applied it */
  sent(tweetId: string): void;
  unauthorized(): void;
}

/**
 * The respond form of a complaint, or its response once given. Drafts and "sent, awaiting confirmation" marks
 * live here rather than in the DOM, so that re-rendering a row on a live update keeps them.
 */
export class Responder {
  private readonly drafts = new Map<string, string>();
  private readonly sent = new Set<string>();

  constructor(private readonly events: ResponderEvents) {}

  /** `place` tells apart the forms of one complaint shown several times (the table's row, a lane's card) */
  render(tweet: TweetJson, place: string): HTMLElement {
    const canRespond = may('responder') && tweet.status !== 'resolved';
    if (isResponded(tweet)) {
      // A reopened complaint may be answered again; until then the passenger is told nothing new.
      if (tweet.status === 'reopened' && canRespond && !this.answeredSince(tweet)) {
        return h('div', { class: 'respond-again' }, this.renderResponse(tweet), this.renderForm(tweet, place));
      }
      this.drafts.delete(tweet.tweet_id);
      this.sent.delete(tweet.tweet_id);
      return this.renderResponse(tweet);
    }
    if (!canRespond) return h('p', { class: 'muted', testid: 'respond-none' }, t('respond.none'));
    return this.renderForm(tweet, place);
  }

  /** a response given after the complaint was reopened */
  private answeredSince(tweet: TweetJson): boolean {
    return tweet.responded_at !== null && tweet.reopened_at !== null && tweet.responded_at > tweet.reopened_at;
  }

  /** A failed label correction: a lost session sends the admin back to the login. */
  reportError(error: unknown): void {
    if (isUnauthorized(error)) this.events.unauthorized();
  }

  clear(): void {
    this.drafts.clear();
    this.sent.clear();
  }

  private renderResponse(tweet: TweetJson): HTMLElement {
    const by = tweet.responded_by ? t('respond.respondedBy', { who: tweet.responded_by }) : t('respond.responded');
    return h(
      'div',
      { class: 'response', testid: 'tweet-response' },
      h('p', { class: 'response__meta' }, by, tweet.responded_at ? ` · ${formatTime(tweet.responded_at)}` : ''),
      h('p', { class: 'response__text' }, tweet.response ?? ''),
    );
  }

  private renderForm(tweet: TweetJson, place: string): HTMLElement {
    const id = tweet.tweet_id;
    const fieldId = `respond-${place}-${id}`;
    const waiting = this.sent.has(id);
    const text = h('textarea', {
      class: 'respond__text',
      testid: 'respond-text',
      attrs: { id: fieldId, name: 'response', rows: '2', maxlength: String(MAX_RESPONSE_LENGTH), placeholder: t('respond.placeholder') },
    });
    text.value = this.drafts.get(id) ?? '';
    text.required = true;
    const reference = tweet.reference ?? id;
    const button = h(
      'button',
      { class: 'button button--primary', testid: 'respond-submit', attrs: { type: 'submit', 'aria-label': t('respond.sendLabel', { ref: reference }) } },
      t('respond.send'),
    );
    const status = h('p', { class: 'respond__status', testid: 'respond-status', attrs: { role: 'status' } });
    const form = h(
      'form',
      { class: 'respond', testid: 'respond-form' },
      h('label', { class: 'visually-hidden', attrs: { for: fieldId } }, t('respond.label', { ref: reference })),
      text,
      h('div', { class: 'respond__actions' }, button, status),
    );

    const setBusy = (busy: boolean, message: string, isError = false): void => {
      text.disabled = busy;
      button.disabled = busy;
      status.textContent = message;
      status.classList.toggle('respond__status--error', isError);
    };
    if (waiting) setBusy(true, t('workflow.sent'));

    text.addEventListener('input', () => this.drafts.set(id, text.value));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const response = text.value.trim();
      if (!response) {
        setBusy(false, t('respond.empty'), true);
        return;
      }
      setBusy(true, t('respond.sending'));
      api.respond(id, response).then(
        () => {
          this.sent.add(id);
          this.drafts.delete(id);
          setBusy(true, t('workflow.sent'));
          this.events.sent(id);
        },
        (error: unknown) => {
          setBusy(false, error instanceof Error ? error.message : t('respond.notSent'), true);
          if (isUnauthorized(error)) this.events.unauthorized();
        },
      );
    });
    return form;
  }
}
