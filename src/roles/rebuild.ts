import { groupName } from '../events/topics';
import { allTopics } from '../events/topics';
import type { EventStore } from '../eventlog/event-store';
import type { Logger } from '../logger';
import { addTweetsIndexes, createTweetsTables, LIVE_TWEETS_TABLES, searchTableOf, type TweetsTables } from '../store/migrations';
import type { ReadStore } from '../store/read-store';
import type { ResponseTargets } from '../projections/first-response';
import { swapGeneration } from '../projections/generations';
import { TWEETS_PROJECTION } from '../projections/tweets';
import { catchUpWatch, rebuildTargets, totalOf, type RebuildProgress } from './projection-rebuild';
import { termsTableOf } from '../store/search-terms';
import { startTweetsProjector } from './projector';

/**
 * Rebuilds the tweets read model from the first event into a new generation of tables while the live one serves,
 * then swaps them in with one atomic rename. The live projector notices the new checkpoints and carries on from
 * them (it seeks back if it was ahead), so nothing is skipped or applied twice.
 */
export const rebuildTweets = async (deps: {
  events: EventStore;
  store: ReadStore;
  logger: Logger;
  onProgress?: (progress: RebuildProgress) => void;
  /** first-response targets the new rows' due times are computed with */
  targets?: ResponseTargets;
}): Promise<{ tables: TweetsTables; events: number }> => {
  const { events, store, logger } = deps;
  const generation = `r${Date.now()}`;
  const next: TweetsTables = {
    tweets: `tweets_${generation}`,
    stats: `tweet_stats_${generation}`,
    checkpoints: `tweets_checkpoints_${generation}`,
  };
  // Rows go into a table with only the lookup index the projection reads through; the others are built once, sorted,
  // after catch-up, instead of taking a random B-tree insert each for every row.
  await createTweetsTables(store, next, { deferIndexes: true });

  const ends = await rebuildTargets(events, store, allTopics(events.topics), LIVE_TWEETS_TABLES.checkpoints);
  const target = totalOf(ends);
  const { check, caughtUp } = catchUpWatch(store, next.checkpoints, ends, deps.onProgress);
  const subscription = await startTweetsProjector({
    events,
    store,
    logger,
    targets: deps.targets,
    tables: next,
    groupId: groupName(events.topics, `railsewa-rebuild-${generation}`),
    onBatch: check,
  });
  await check();
  await caughtUp;
  // InnoDB builds indexes online: the rebuild's last transactions may still commit while they are built.
  await Promise.all([subscription.stop(), addTweetsIndexes(store, next)]);

  const old = `${generation}_old`;
  const retired = [`tweets_${old}`, `tweet_stats_${old}`, `tweets_checkpoints_${old}`];
  const swaps: [string, string][] = [
    [LIVE_TWEETS_TABLES.tweets, retired[0]],
    [LIVE_TWEETS_TABLES.stats, retired[1]],
    [LIVE_TWEETS_TABLES.checkpoints, retired[2]],
    [next.tweets, LIVE_TWEETS_TABLES.tweets],
    [next.stats, LIVE_TWEETS_TABLES.stats],
    [next.checkpoints, LIVE_TWEETS_TABLES.checkpoints],
  ];
  // The word index is a table of its own (SQLite's full-text table, MySQL's terms): it moves with its generation.
  const wordIndexOf = store.dialect === 'sqlite' ? searchTableOf : termsTableOf;
  retired.push(wordIndexOf(retired[0]));
  swaps.push(
    [wordIndexOf(LIVE_TWEETS_TABLES.tweets), wordIndexOf(retired[0])],
    [wordIndexOf(next.tweets), wordIndexOf(LIVE_TWEETS_TABLES.tweets)],
  );
  await swapGeneration(store, TWEETS_PROJECTION, swaps, retired);
  return { tables: LIVE_TWEETS_TABLES, events: target };
};
