/** How a generation of the tweets read model is created. */
export interface CreateTweetsOptions {
  /** only the lookup indexes now; addTweetsIndexes builds the other secondary indexes once the rows are in */
  deferIndexes?: boolean;
}

/** The names of one generation of the tweets read model; a rebuild writes a new generation beside the live one. */
export interface TweetsTables {
  tweets: string;
  stats: string;
  checkpoints: string;
}

/** SQLite's full-text table of a tweets generation (MySQL's is its term table, store/search-terms.ts). */
export const searchTableOf = (tweetsTable: string): string => `${tweetsTable}_search`;

export const LIVE_TWEETS_TABLES: TweetsTables = {
  tweets: 'tweets',
  stats: 'tweet_stats',
  checkpoints: 'tweets_checkpoints',
};

/**
 * Rows written before the admins' workflow said `received` or `classified`: both are `new` in it (`responded` and
 * `incomplete` keep their meaning). Runs on every start; once upgraded it finds nothing.
 */
export const upgradeStatusesSql = (tweetsTable: string): string =>
  `UPDATE ${tweetsTable} SET status = 'new' WHERE status IN ('received', 'classified') AND received_event_id IS NOT NULL`;
