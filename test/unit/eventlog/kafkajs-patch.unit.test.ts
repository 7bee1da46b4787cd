import fs from 'node:fs';

/**
 * kafkajs 2.2.4 groups a send's messages by partition by copying the partition's array for every message, which is
 * quadratic in the messages per partition (a classifier transaction puts about a thousand on one). patches/ replaces it
 * with a linear loop (npm's postinstall runs patch-package); these tests pin that the patch is installed and that the
 * grouping still keeps each partition's messages in order.
 */
const MODULE = 'kafkajs/src/producer/groupMessagesPerPartition';

type Message = { key: string; partition: number };
type Group = (args: { topic: string; partitionMetadata: unknown[]; messages: Message[]; partitioner: (a: { message: Message }) => number }) => Record<string, Message[]>;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const groupMessagesPerPartition = require(MODULE) as Group;

describe('kafkajs message grouping (patched)', () => {
  it('is the patched, linear version', () => {
    const source = fs.readFileSync(require.resolve(MODULE), 'utf8');
    expect(source).not.toContain('[...current, message]');
    expect(source).toContain('result[partition].push(message)');
  });

  it('groups messages by the partitioner, keeping their order within a partition', () => {
    const messages = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, partition: i % 3 }));
    const grouped = groupMessagesPerPartition({ topic: 't', partitionMetadata: [{}, {}, {}], messages, partitioner: ({ message }) => message.partition });
    expect(Object.keys(grouped).sort()).toEqual(['0', '1', '2']);
    expect(grouped[0].map((m) => m.key)).toEqual(['k0', 'k3', 'k6', 'k9']);
    expect(grouped[1].map((m) => m.key)).toEqual(['k1', 'k4', 'k7']);
    expect(grouped[2].map((m) => m.key)).toEqual(['k2', 'k5', 'k8']);
  });

  it('groups nothing for a topic without partition metadata', () => {
    expect(groupMessagesPerPartition({ topic: 't', partitionMetadata: [], messages: [{ key: 'a', partition: 0 }], partitioner: () => 0 })).toEqual({});
  });
});
