import type { ProjectionDeadLetter } from '../../../src/projections/dead-letters';
import { piecesOf } from '../../../src/projections/one-by-one';
import type { PositionedEvent } from '../../../src/projections/projection';
import { aComplaintReceived } from '../../support/fixtures';

const at = (offset: number): PositionedEvent => ({ topic: 'raw_tweets', partition: 2, offset, event: aComplaintReceived() });
const letter = (offset: number): ProjectionDeadLetter => ({ topic: 'raw_tweets', partition: 2, offset, key: null, value: null, code: 'bad_avro', reason: 'x' });
const shape = (pieces: ReturnType<typeof piecesOf>) =>
  pieces.map((p) => [p.startOffset, p.nextOffset, p.events.map((e) => e.offset), (p.deadLetters ?? []).map((l) => l.offset)]);

describe('piecesOf', () => {
  it('cuts a slice after each event, each piece continuing the one before, dead letters with the event after them', () => {
    const slice = { topic: 'raw_tweets', partition: 2, startOffset: 10, nextOffset: 17, events: [at(10), at(12), at(13)], deadLetters: [letter(11), letter(14)] };
    expect(shape(piecesOf(slice))).toEqual([
      [10, 11, [10], []],
      [11, 13, [12], [11]],
      [13, 14, [13], []],
      [14, 17, [], [14]],
    ]);
  });

  it('leaves no empty piece after a last event that ends the slice, and keeps a slice without events whole', () => {
    expect(shape(piecesOf({ topic: 'raw_tweets', partition: 2, startOffset: 4, nextOffset: 6, events: [at(5)], deadLetters: [letter(4)] }))).toEqual([[4, 6, [5], [4]]]);
    expect(shape(piecesOf({ topic: 'raw_tweets', partition: 2, nextOffset: 3, events: [], deadLetters: [letter(2)] }))).toEqual([[undefined, 3, [], [2]]]);
  });
});
