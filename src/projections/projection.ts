import type { ComplaintEvent } from '../events/complaint';
import { allTopics, type Topics } from '../events/topics';
import type { ReadStore, SqlExecutor } from '../store/read-store';

/** An event with the place it was read from: its topic, partition and offset. */
export interface PositionedEvent {
  topic: string;
  partition: number;
  offset: number;
  event: ComplaintEvent;
}

/** What `apply` writes with: the transaction, the store's dialect helpers and the names of the generation it fills. */
export interface ProjectionContext<Table extends string = string> {
  store: ReadStore;
  /** the caller's transaction: write every row on it, never on the store's pool */
  tx: SqlExecutor;
  tables: Readonly<Record<Table, string>>;
}

export interface CreateTablesOptions {
  /**
   * true for a rebuild's new generation: only what `apply` reads through need exist now; `finishTables` adds the
   * rest once the rows are in (one sorted build instead of a random insert per row)
   */
  rebuild: boolean;
}

/**
 * A read model built from the event topics. The runner around it reads the topics, skips what its checkpoints
 * cover, and calls `apply` inside a transaction in which it also saves the projection's checkpoints, so a crash or a
 * redelivery never applies an event twice nor skips one. A rebuild fills a new generation of the tables from offset 0
 * while the live one serves, then renames them in atomically.
 */
export interface Projection<Table extends string = string> {
  /** lower-case letters, digits and `_`; names its consumer group and its checkpoint table (`NAME_checkpoints`) */
  readonly name: string;
  /** raise it when the rows change meaning; `railsewa projections list` shows when the live rows are older */
  readonly version: number;
  /** its live tables by role; a generation's names are these with a suffix (see `generationTables`) */
  readonly tables: Readonly<Record<Table, string>>;
  /**
   * Why this projection cannot apply an event, or null (the default: it applies every event type on its topic). The
   * runner dead-letters a refused event with this reason and moves past it.
   */
  rejects?(event: ComplaintEvent): string | null;
  /** the topics it reads (default: every event topic) */
  topics?(topics: Topics): string[];
  /** Creates one generation's tables, or upgrades the live ones in place; runs on every start, so it is idempotent. */
  createTables(store: ReadStore, tables: Readonly<Record<Table, string>>, options: CreateTablesOptions): Promise<void>;
  /** After a rebuild has caught up, before the swap: the indexes `createTables` left out. */
  finishTables?(store: ReadStore, tables: Readonly<Record<Table, string>>): Promise<void>;
  /**
   * Writes a batch of events inside `context.tx`, in offset order per partition (partitions and topics interleave
   * in no particular order). Applying an event twice, or a complaint's events in another order across topics, must
   * give the same rows.
   */
  apply(context: ProjectionContext<Table>, events: readonly PositionedEvent[]): Promise<void>;
}

/** Any registered projection, whatever its tables are called. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProjection = Projection<any>;

export const projectionTopics = (projection: AnyProjection, topics: Topics): string[] =>
  projection.topics ? projection.topics(topics) : allTopics(topics);

export const checkpointsTableOf = (projection: AnyProjection): string => `${projection.name}_checkpoints`;

/** Every table of one generation: the projection's own, and its checkpoints under the role `checkpoints`. */
export interface GenerationTables {
  tables: Record<string, string>;
  checkpoints: string;
}

export const liveTables = (projection: AnyProjection): GenerationTables => ({
  tables: { ...projection.tables },
  checkpoints: checkpointsTableOf(projection),
});

/** A generation's table names: the live ones with `_SUFFIX` (a rebuild's `r<time>`, or `<that>_old` when retired). */
export const generationTables = (projection: AnyProjection, suffix: string): GenerationTables => {
  const live = liveTables(projection);
  return {
    tables: Object.fromEntries(Object.entries(live.tables).map(([role, table]) => [role, `${table}_${suffix}`])),
    checkpoints: `${live.checkpoints}_${suffix}`,
  };
};

export const allTablesOf = (generation: GenerationTables): string[] => [...Object.values(generation.tables), generation.checkpoints];

const NAME = /^[a-z][a-z0-9_]{0,30}$/;

/** A registry entry's name is used in table and group names: refused early when it could not be. */
export const checkProjectionName = (name: string): void => {
  if (!NAME.test(name)) throw new Error(`projection name ${JSON.stringify(name)}: use lower-case letters, digits and _ (at most 31)`);
};
