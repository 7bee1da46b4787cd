import { addTweetsIndexes, createTweetsTables, LIVE_TWEETS_TABLES, type TweetsTables } from '../store/migrations';
import type { Projection } from './projection';
import { applyTweetEvents, TWEETS_PROJECTION } from './tweets';

type TweetsTable = 'tweets' | 'stats';

const withCheckpoints = (tables: Readonly<Record<TweetsTable, string>>): TweetsTables => ({ ...tables, checkpoints: `${tables.tweets}_checkpoints` });

/**
 * The original design's read model as a registered projection. Its live runner (with the classification hold) and
 * its rebuild (with SQLite's full-text table) are its own: src/roles/projections.ts names them.
 */
export const tweetsProjection: Projection<TweetsTable> = {
  name: TWEETS_PROJECTION.name,
  version: TWEETS_PROJECTION.version,
  tables: { tweets: LIVE_TWEETS_TABLES.tweets, stats: LIVE_TWEETS_TABLES.stats },
  createTables: (store, tables, { rebuild }) => createTweetsTables(store, withCheckpoints(tables), { deferIndexes: rebuild }),
  finishTables: (store, tables) => addTweetsIndexes(store, withCheckpoints(tables)),
  apply: async ({ store, tx, tables }, events) => {
    await applyTweetEvents(store, tx, tables, events.map((e) => e.event));
  },
};
