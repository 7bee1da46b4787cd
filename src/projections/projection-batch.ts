import type { SeekRequest } from '../eventlog/event-log';
import type { ReadStore, SqlExecutor } from '../store/read-store';
import { freshOfSlices, saveCheckpoints, type FetchedSlice } from './checkpoints';
import type { AnyProjection, GenerationTables, PositionedEvent } from './projection';

/** One partition's events as fetched: they advance its checkpoint to `nextOffset`. */
export type ProjectionSlice = FetchedSlice<PositionedEvent>;

export interface AppliedProjectionSlices {
  /** the events applied (those below a stored checkpoint were applied before and are left out) */
  events: PositionedEvent[];
  /** per slice, in order: a seek when the table is behind what the consumer read (a rebuild swapped it in) */
  seeks: (SeekRequest | null)[];
}

/**
 * Applies several partitions' events to one generation of a projection inside `tx`, and advances their checkpoints
 * on the same transaction. Events below a stored checkpoint are skipped; a slice that starts after the checkpoint
 * (the table is behind the consumer) is left out and answered with a seek back to the checkpoint.
 */
export const applyProjectionSlices = async (
  store: ReadStore,
  tx: SqlExecutor,
  projection: AnyProjection,
  generation: GenerationTables,
  slices: ProjectionSlice[],
): Promise<AppliedProjectionSlices> => {
  const { fresh, advanced, seeks } = await freshOfSlices(store, tx, generation.checkpoints, slices);
  if (advanced.length === 0) return { events: [], seeks };
  if (fresh.length > 0) await projection.apply({ store, tx, tables: generation.tables }, fresh);
  await saveCheckpoints(store, tx, generation.checkpoints, advanced);
  return { events: fresh, seeks };
};
