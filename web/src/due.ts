import type { TweetJson } from '../../src/read-api/socket-events';
import { h } from './dom.js';
import { t } from './i18n.js';

/** How often the ages and times left are redrawn: they are shown to the minute. */
const TICK_MS = 30_000;

const minutes = (ms: number): string => {
  const total = Math.max(0, Math.floor(ms / 60_000));
  if (total < 60) return t('due.minutes', { m: total });
  const hours = Math.floor(total / 60);
  return total % 60 === 0 ? t('due.hours', { h: hours }) : t('due.hoursMinutes', { h: hours, m: total % 60 });
};

const instant = (iso: string | undefined): number | null => {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
};

/** Writes the age and the time left (or how late the first response was) of one element from its server times. */
const draw = (element: HTMLElement, now: number): void => {
  const received = instant(element.dataset.received);
  const due = instant(element.dataset.due);
  const responded = instant(element.dataset.firstResponse);
  if (received === null || due === null) return;
  const age = element.querySelector<HTMLElement>('.due__age');
  const left = element.querySelector<HTMLElement>('.due__left');
  const mark = element.querySelector<HTMLElement>('.due__breached');
  if (!age || !left || !mark) return;
  age.textContent = t('due.age', { time: minutes(now - received) });
  const breached = responded === null ? now > due : responded > due;
  if (responded !== null) left.textContent = t('due.firstResponse', { time: minutes(responded - received) });
  else left.textContent = breached ? t('due.over', { time: minutes(now - due) }) : t('due.left', { time: minutes(due - now) });
  // the mark's words follow the language too (the page may have been translated since it was drawn)
  mark.textContent = t('due.breached');
  mark.title = t('due.breached.title');
  mark.hidden = !breached;
  element.classList.toggle('due--breached', breached);
  element.closest('.emergency, .review-card')?.classList.toggle('card--breached', breached);
};

/**
 * A complaint's age and time left to its first-response target, from the server's times, redrawn every 30 seconds
 * by the clock below; "Target missed" marks a breach. Resolved complaints show none.
 */
export const dueNote = (tweet: TweetJson): HTMLElement | null => {
  if (!tweet.due_at || !tweet.received_at || tweet.status === 'resolved') return null;
  const element = h(
    'p',
    { class: 'due', testid: 'tweet-due' },
    h('span', { class: 'due__age' }),
    ' · ',
    h('span', { class: 'due__left', testid: 'tweet-time-left' }),
    ' ',
    h('strong', { class: 'due__breached', testid: 'tweet-breached', attrs: { title: t('due.breached.title') } }, t('due.breached')),
  );
  element.dataset.received = tweet.received_at;
  element.dataset.due = tweet.due_at;
  if (tweet.first_response_at) element.dataset.firstResponse = tweet.first_response_at;
  draw(element, Date.now());
  return element;
};

/** Redraws every age and time left on the page every 30 seconds while the dashboard is shown. */
export class DueClock {
  private timer: number | undefined;

  start(): void {
    this.stop();
    this.timer = window.setInterval(() => {
      const now = Date.now();
      for (const element of document.querySelectorAll<HTMLElement>('.due')) draw(element, now);
    }, TICK_MS);
  }

  stop(): void {
    window.clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** Waiting complaints first, least time left first; then the others, newest first. */
export const byTimeLeft = (a: TweetJson, b: TweetJson): number => {
  const waitingA = a.first_response_at === null && a.due_at !== null;
  const waitingB = b.first_response_at === null && b.due_at !== null;
  if (waitingA && waitingB) return (a.due_at as string).localeCompare(b.due_at as string) || a.id - b.id;
  if (waitingA !== waitingB) return waitingA ? -1 : 1;
  return b.id - a.id;
};
