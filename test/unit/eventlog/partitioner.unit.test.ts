import { murmur2, partitionFor } from '../../../src/eventlog/partitioner';

describe('murmur2 partitioner', () => {
  // Vectors from Apache Kafka's UtilsTest.testMurmur2: keys land where Kafka's clients put them.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('murmur2(%j) = %d', (key, expected) => {
    expect(murmur2(Buffer.from(key))).toBe(expected);
  });

  it('keeps a key on one partition within range', () => {
    for (let i = 0; i < 1000; i++) {
      const p = partitionFor(`complaint-${i}`, 6);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(6);
      expect(partitionFor(`complaint-${i}`, 6)).toBe(p);
    }
  });
});
