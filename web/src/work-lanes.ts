import type { TweetJson } from '../../src/read-api/socket-events';
import { t } from './i18n.js';
import type { LaneSpec } from './lane.js';
import type { Responder } from './respond.js';
import { signedIn } from './role.js';
import { complaintCard } from './tweet-row.js';
import { isOpen, workflowPanel } from './workflow.js';

const shownCount = (shown: TweetJson[], more: boolean): string => t(more ? 'lane.shownMore' : 'lane.shown', { n: shown.length });

const workCard = (tweet: TweetJson, responder: Responder, place: 'open' | 'mine'): HTMLElement =>
  complaintCard(
    tweet,
    {
      class: `work-card${tweet.prediction === 1 ? ' work-card--emergency' : ''}`,
      testid: `${place}-card`,
      categoryClass: 'work-card__category',
      confidenceTitle: t('tweet.confidence'),
    },
    workflowPanel(tweet, place, (error) => responder.reportError(error)),
    responder.render(tweet, place),
  );

/** The Open lane: every complaint not resolved yet (the API's `open` filter). */
export const openLane = (responder: Responder): LaneSpec => ({
  filter: 'open',
  belongs: isOpen,
  count: shownCount,
  card: (tweet) => workCard(tweet, responder, 'open'),
});

/** The Mine lane: the open complaints assigned to the signed-in admin (the API's `mine` filter). */
export const mineLane = (responder: Responder): LaneSpec => ({
  filter: 'mine',
  belongs: (tweet) => isOpen(tweet) && tweet.assigned_to === signedIn.username,
  count: shownCount,
  card: (tweet) => workCard(tweet, responder, 'mine'),
});
