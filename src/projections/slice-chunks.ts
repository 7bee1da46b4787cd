import type { TweetSlice } from './tweets';

/** One transaction's share of a slice: `part` covers the start of what `slice` (an index into the input) has left. */
export interface SlicePart {
  slice: number;
  part: TweetSlice;
}

/** A slice's events and dead letters in offset order: the units a transaction's size is counted in. */
const offsetsOf = (slice: TweetSlice): number[] =>
  [...slice.events.map((e) => e.offset), ...(slice.deadLetters ?? []).map((d) => d.offset)].sort((a, b) => a - b);

/**
 * How many of each slice's remaining items the next transaction takes: shares in proportion to what each has left
 * (a partition number's topics move on together, so a complaint's events tend to meet in one transaction), then what
 * the rounding left over, in slice order; never more than `cap` in all.
 */
const shares = (left: number[], cap: number): number[] => {
  const total = left.reduce((sum, n) => sum + n, 0);
  if (total <= cap) return [...left];
  const taken = left.map((n) => Math.floor((cap * n) / total));
  let spare = cap - taken.reduce((sum, n) => sum + n, 0);
  for (let i = 0; i < left.length && spare > 0; i++) {
    const more = Math.min(spare, left[i] - taken[i]);
    taken[i] += more;
    spare -= more;
  }
  return taken;
};

/**
 * Cuts slices (one partition number's, from several topics) into transactions of at most `cap` events and dead
 * letters, so that a projection far behind still moves its checkpoints every `cap` events instead of once per fetch.
 * Each slice's parts follow one another in offset order: a part starts where the one before ended (the first where
 * the slice starts) and ends at the offset of the next part's first item (the last at the slice's `nextOffset`), so
 * the parts' checkpoints cover exactly what the slice covered. Slices that fit go in one transaction as they are;
 * slices with no events are in the first.
 */
export const chunkSlices = (slices: readonly TweetSlice[], cap: number): SlicePart[][] => {
  if (!(cap >= 1)) throw new Error(`a transaction must hold at least one event, not ${cap}`);
  const offsets = slices.map(offsetsOf);
  const done = slices.map(() => 0);
  const starts = slices.map((s) => s.startOffset);
  const transactions: SlicePart[][] = [];
  for (;;) {
    const take = shares(
      offsets.map((o, i) => o.length - done[i]),
      cap,
    );
    const first = transactions.length === 0;
    const parts: SlicePart[] = [];
    slices.forEach((slice, i) => {
      if (take[i] === 0 && !(first && offsets[i].length === 0)) return;
      const end = done[i] + take[i];
      if (first && end === offsets[i].length) {
        parts.push({ slice: i, part: slice });
      } else {
        const nextOffset = end === offsets[i].length ? slice.nextOffset : offsets[i][end];
        const from = starts[i];
        const inPart = (offset: number) => offset >= (from ?? -Infinity) && offset < nextOffset;
        const part: TweetSlice = { topic: slice.topic, partition: slice.partition, startOffset: from, nextOffset, events: slice.events.filter((e) => inPart(e.offset)) };
        if (slice.deadLetters) part.deadLetters = slice.deadLetters.filter((d) => inPart(d.offset));
        parts.push({ slice: i, part });
        starts[i] = nextOffset;
      }
      done[i] = end;
    });
    if (parts.length === 0) break;
    transactions.push(parts);
  }
  return transactions;
};
