import type { TweetJson } from '../../src/read-api/socket-events';
import { isUrgent } from './format.js';
import { t, tCount } from './i18n.js';
import type { LaneSpec } from './lane.js';
import type { Responder } from './respond.js';
import { complaintCard } from './tweet-row.js';
import { workflowPanel } from './workflow.js';

/** Emergencies still waiting for a response come first, then the handled ones, each newest first. */
const urgentFirst = (a: TweetJson, b: TweetJson): number => Number(isUrgent(b)) - Number(isUrgent(a)) || b.id - a.id;

/** The Emergencies lane: every emergency, those still waiting for a response first. */
export const emergenciesLane = (responder: Responder): LaneSpec => ({
  filter: 'emergency',
  belongs: (tweet) => tweet.prediction === 1,
  order: urgentFirst,
  count: (shown, more) => {
    const urgent = shown.filter(isUrgent).length;
    return tCount({ one: 'lane.emergencies.count.one', other: 'lane.emergencies.count.other' }, urgent, more && urgent > 0 ? `${urgent}+` : String(urgent));
  },
  card: (tweet) =>
    complaintCard(
      tweet,
      {
        class: isUrgent(tweet) ? 'emergency emergency--urgent' : 'emergency emergency--handled',
        testid: 'emergency-card',
        categoryClass: 'emergency__category',
        confidenceTitle: t('tweet.confidence'),
      },
      workflowPanel(tweet, 'emergencies', (error) => responder.reportError(error)),
      responder.render(tweet, 'emergencies'),
    ),
});
