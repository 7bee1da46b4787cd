import type { SeekRequest } from '../eventlog/event-log';
import type { ReadStore } from '../store/read-store';
import type { ProjectionDeadLetter } from './dead-letters';
import type { AnyProjection, GenerationTables } from './projection';
import { applyProjectionSlices, type AppliedProjectionSlices, type ProjectionSlice } from './projection-batch';

/**
 * A slice cut after each of its events: every piece holds one event (and the dead letters before it) and ends right
 * after it, the last piece what remains up to the slice's end. Applied in order, each piece continues the
 * checkpoint the one before it left.
 */
export const piecesOf = (slice: ProjectionSlice): ProjectionSlice[] => {
  const pieces: ProjectionSlice[] = [];
  let letters = slice.deadLetters ?? [];
  let start = slice.startOffset;
  for (const positioned of slice.events) {
    const end = positioned.offset + 1;
    pieces.push({
      topic: slice.topic,
      partition: slice.partition,
      startOffset: start,
      nextOffset: end,
      events: [positioned],
      deadLetters: letters.filter((l) => l.offset < end),
      messages: slice.messages,
    });
    letters = letters.filter((l) => l.offset >= end);
    start = end;
  }
  if (start === undefined || start < slice.nextOffset || letters.length > 0) {
    pieces.push({ topic: slice.topic, partition: slice.partition, startOffset: start, nextOffset: slice.nextOffset, events: [], deadLetters: letters });
  }
  return pieces;
};

/** A piece whose event the projection could not apply, that event dead-lettered instead. */
const withoutItsEvent = (projection: AnyProjection, piece: ProjectionSlice, error: unknown): ProjectionSlice => {
  const [{ topic, partition, offset, event }] = piece.events;
  // Only on failure: a linear search is cheaper than an index of every fetched message.
  const original = piece.messages?.find((m) => m.offset === offset);
  const letter: ProjectionDeadLetter = {
    topic,
    partition,
    offset,
    // As fetched, for the .dlq topic; without the message, the complaint id events are keyed by.
    key: original ? original.key : event.data.complaintId,
    value: original?.value ?? null,
    code: 'apply_failed',
    reason: `${projection.name} could not apply ${event.type} ${event.metadata.eventId}: ${error instanceof Error ? error.message : String(error)}`,
  };
  return { ...piece, events: [], deadLetters: [...(piece.deadLetters ?? []), letter] };
};

/**
 * For batches whose transaction keeps failing: applies the slices one event per transaction (each with its
 * checkpoint, so the rows and the checkpoint still commit together), and dead-letters an event whose own
 * transaction fails, on a transaction that moves the checkpoint past it. When even that fails (the store is down),
 * the error is thrown and the batch is read again from the checkpoints reached.
 */
export const applyOneByOne = async (
  store: ReadStore,
  projection: AnyProjection,
  generation: GenerationTables,
  slices: ProjectionSlice[],
): Promise<AppliedProjectionSlices> => {
  const applied: AppliedProjectionSlices = { events: [], deadLetters: [], seeks: [] };
  const inTransaction = (piece: ProjectionSlice) => store.transaction((tx) => applyProjectionSlices(store, tx, projection, generation, [piece]));
  for (const slice of slices) {
    let seek: SeekRequest | null = null;
    for (const piece of piecesOf(slice)) {
      const done = await inTransaction(piece).catch((error: unknown) => {
        if (piece.events.length === 0) throw error;
        return inTransaction(withoutItsEvent(projection, piece, error));
      });
      applied.events.push(...done.events);
      applied.deadLetters.push(...done.deadLetters);
      seek = done.seeks[0];
      if (seek) break;
    }
    applied.seeks.push(seek);
  }
  return applied;
};
