import type { LogMessage, SeekRequest } from '../eventlog/event-log';
import type { ReadStore, SqlExecutor } from '../store/read-store';
import { freshOfSlices, saveCheckpoints, type FetchedSlice } from './checkpoints';
import { saveDeadLetters, type ProjectionDeadLetter } from './dead-letters';
import type { AnyProjection, GenerationTables, PositionedEvent } from './projection';

/** One partition's events as fetched, and the messages among them it could not apply: they advance its checkpoint to `nextOffset`. */
export type ProjectionSlice = FetchedSlice<PositionedEvent> & {
  deadLetters?: ProjectionDeadLetter[];
  /** the messages as fetched: the original key and bytes of an event dead-lettered after it was decoded */
  messages?: readonly LogMessage[];
};

export interface AppliedProjectionSlices {
  /** the events applied (those below a stored checkpoint were applied before and are left out) */
  events: PositionedEvent[];
  /** the dead letters recorded (those below a stored checkpoint were recorded before and are left out) */
  deadLetters: ProjectionDeadLetter[];
  /** per slice, in order: a seek when the table is behind what the consumer read (a rebuild swapped it in) */
  seeks: (SeekRequest | null)[];
}

type Fetched = PositionedEvent | ProjectionDeadLetter;
const isDeadLetter = (fetched: Fetched): fetched is ProjectionDeadLetter => 'code' in fetched;

/**
 * Applies several partitions' events to one generation of a projection inside `tx`, records their dead letters and
 * advances their checkpoints on the same transaction. Events and dead letters below a stored checkpoint are skipped;
 * a slice that starts after the checkpoint (the table is behind the consumer) is left out and answered with a seek
 * back to the checkpoint.
 */
export const applyProjectionSlices = async (
  store: ReadStore,
  tx: SqlExecutor,
  projection: AnyProjection,
  generation: GenerationTables,
  slices: ProjectionSlice[],
  now: () => Date = () => new Date(),
): Promise<AppliedProjectionSlices> => {
  const merged = slices.map((slice): FetchedSlice<Fetched> => ({ ...slice, events: [...slice.events, ...(slice.deadLetters ?? [])] }));
  const { fresh, advanced, seeks } = await freshOfSlices(store, tx, generation.checkpoints, merged);
  const events = fresh.filter((f): f is PositionedEvent => !isDeadLetter(f));
  const deadLetters = fresh.filter(isDeadLetter);
  if (advanced.length === 0) return { events: [], deadLetters: [], seeks };
  if (events.length > 0) await projection.apply({ store, tx, tables: generation.tables }, events);
  if (deadLetters.length > 0) await saveDeadLetters(store, tx, projection.name, deadLetters, now().toISOString());
  await saveCheckpoints(store, tx, generation.checkpoints, advanced);
  return { events, deadLetters, seeks };
};
