import type { TweetJson } from '../../src/read-api/socket-events';
import { byTimeLeft } from './due.js';
import { isUrgent } from './format.js';
import { t, tCount } from './i18n.js';
import type { LaneSpec } from './lane.js';
import type { Responder } from './respond.js';
import { complaintCard } from './tweet-row.js';
import { workflowPanel } from './workflow.js';

/**
 * Emergencies still waiting for a response come first, least time left to the first-response target first (byTimeLeft);
 * then the handled ones, newest first. The lane loads its pages newest first by id; this orders what is loaded.
 */
const urgentFirst = (a: TweetJson, b: TweetJson): number => {
  const urgentA = isUrgent(a);
  const urgentB = isUrgent(b);
  if (urgentA !== urgentB) return urgentA ? -1 : 1;
  return urgentA ? byTimeLeft(a, b) : b.id - a.id;
};

/** The Emergencies lane: every emergency, those still waiting for a response first, by time left. */
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
