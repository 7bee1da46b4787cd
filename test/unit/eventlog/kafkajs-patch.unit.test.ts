import { randomBytes } from 'node:crypto';
import fs from 'node:fs';

/**
 * kafkajs 2.2.4 groups a send's messages by partition by copying the partition's array for every message, which is
 * quadratic in the messages per partition (a classifier transaction puts about a thousand on one). Its encoder also
 * zero-fills a new 512-byte buffer for every record and every header, and allocates a Buffer (and Long arithmetic)
 * for every varint. patches/ replaces the grouping with a linear loop and writes each record into one encoder of its
 * exact size, varints straight into it. Decoding a record did BigInt arithmetic for every varlong byte and for its
 * offset and timestamp, and copied the headers object for every header; the patch reads short varlongs as numbers,
 * adds offsets and timestamps in plain numbers while they are exact, and fills one headers object. The
 * produce request no longer copies every message to build its record, and the batch CRC-32C is computed eight bytes
 * at a time (npm's postinstall runs patch-package). These tests pin that the patch is
 * installed and that what it produces is still the Kafka wire format.
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

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Encoder = require('kafkajs/src/protocol/encoder') as new () => KafkaEncoder;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Decoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => KafkaDecoder;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (record: RecordInput) => KafkaEncoder;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const decodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/decoder') as (decoder: KafkaDecoder, context: object) => DecodedRecord;

interface KafkaEncoder {
  buffer: Buffer;
  writeVarInt(value: number): KafkaEncoder;
  writeVarLong(value: number | string): KafkaEncoder;
}
interface KafkaDecoder {
  readVarInt(): number;
  readVarLong(): { toString(): string };
}
interface RecordInput {
  offsetDelta?: number;
  timestampDelta?: number;
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, string | string[]>;
}
interface DecodedRecord {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | Buffer[]>;
}

/** The Kafka protocol's zigzag varint, written out independently of kafkajs (BigInt, so longs are exact). */
const varint = (value: bigint): number[] => {
  let zigzag = value >= 0n ? value << 1n : ((-value) << 1n) - 1n;
  const bytes: number[] = [];
  while (zigzag >= 0x80n) {
    bytes.push(Number(zigzag & 0x7fn) | 0x80);
    zigzag >>= 7n;
  }
  bytes.push(Number(zigzag));
  return bytes;
};
const varBytes = (data: Buffer | null): number[] => (data === null ? varint(-1n) : [...varint(BigInt(data.length)), ...data]);

/** A record as the Kafka protocol lays it out (Length, Attributes, TimestampDelta, OffsetDelta, Key, Value, Headers). */
const referenceRecord = (offsetDelta: number, timestampDelta: number, key: Buffer | null, value: Buffer | null, headers: [string, string][]): Buffer => {
  const body = [
    0,
    ...varint(BigInt(timestampDelta)),
    ...varint(BigInt(offsetDelta)),
    ...varBytes(key),
    ...varBytes(value),
    ...varint(BigInt(headers.length)),
    ...headers.flatMap(([k, v]) => [...varBytes(Buffer.from(k)), ...varBytes(Buffer.from(v))]),
  ];
  return Buffer.from([...varint(BigInt(body.length)), ...body]);
};

const BOUNDARIES = [0, 1, -1, 63, -64, 64, -65, 127, 128, 8191, 8192, 0x3fffffff, -0x40000000, 0x40000000, -0x40000001, 2 ** 31 - 1, -(2 ** 31)];

const decodeOne = (record: RecordInput, context: object): DecodedRecord => {
  const decoder = new Decoder(encodeRecord(record).buffer);
  decoder.readVarInt(); // the record's length
  return decodeRecord(decoder, context);
};

describe('kafkajs record encoding (patched)', () => {
  it('is the patched encoder: no zero-filled buffer per record, varints written in place', () => {
    const encoder = fs.readFileSync(require.resolve('kafkajs/src/protocol/encoder'), 'utf8');
    expect(encoder).toContain('Buffer.allocUnsafe(Encoder.nextPowerOfTwo(initialSize))');
    expect(encoder).toContain('this.buf[this.offset++] = value & OTHER_BITS');
    const record = fs.readFileSync(require.resolve('kafkajs/src/protocol/recordBatch/record/v0'), 'utf8');
    expect(record).not.toContain('headersArray.map(Header)');
  });

  it('writes varints and varlongs the Kafka way, and reads them back', () => {
    for (const value of BOUNDARIES) {
      expect([...new Encoder().writeVarInt(value).buffer]).toEqual(varint(BigInt(value)));
      expect(new Decoder(new Encoder().writeVarInt(value).buffer).readVarInt()).toBe(value);
    }
    for (const value of [...BOUNDARIES, 2 ** 40 + 3, -(2 ** 45), Number.MAX_SAFE_INTEGER]) {
      expect([...new Encoder().writeVarLong(value).buffer]).toEqual(varint(BigInt(value)));
      expect(new Decoder(new Encoder().writeVarLong(value).buffer).readVarLong().toString()).toBe(String(value));
    }
    expect([...new Encoder().writeVarLong('-9223372036854775808').buffer]).toEqual(varint(-9223372036854775808n));
  });

  it('lays a record out byte for byte as the protocol says, headers included', () => {
    const value = Buffer.from(Array.from({ length: 700 }, (_, i) => i % 256));
    const cases: [number, number, Buffer | null, Buffer | null, [string, string][]][] = [
      [0, 0, Buffer.from('c-1'), value, [['event-type', 'ComplaintClassified'], ['event-id', 'e-1']]],
      [4999, 123_456, Buffer.from('key'), Buffer.from('ट्रेन'), []],
      [7, -3, null, null, [['h', '']]],
      [2 ** 20, 2 ** 33, Buffer.alloc(0), value.subarray(0, 5), [['a', 'ü'.repeat(100)]]],
    ];
    for (const [offsetDelta, timestampDelta, key, data, headers] of cases) {
      const encoded = encodeRecord({ offsetDelta, timestampDelta, key, value: data, headers: Object.fromEntries(headers) }).buffer;
      expect(encoded).toEqual(referenceRecord(offsetDelta, timestampDelta, key, data, headers));
    }
  });

  it('round-trips through the kafkajs record decoder, repeated header keys included', () => {
    const record = decodeOne({ offsetDelta: 3, timestampDelta: 10, key: 'c-9', value: 'text', headers: { one: 'a', many: ['x', 'y'] } }, { firstOffset: '100', firstTimestamp: '1000', magicByte: 2 });
    expect(record.offset).toBe('103');
    expect(record.timestamp).toBe('1010');
    expect(record.key?.toString()).toBe('c-9');
    expect(record.value?.toString()).toBe('text');
    expect(record.headers.one.toString()).toBe('a');
    expect((record.headers.many as Buffer[]).map(String)).toEqual(['x', 'y']);
  });
});

describe('kafkajs record decoding (patched)', () => {
  it('is the patched decoder', () => {
    const record = fs.readFileSync(require.resolve('kafkajs/src/protocol/recordBatch/record/v0/decoder'), 'utf8');
    expect(record).toContain('const offset = plus(firstOffset, offsetDelta)');
    expect(record).not.toContain('...obj,');
    const decoder = fs.readFileSync(require.resolve('kafkajs/src/protocol/decoder'), 'utf8');
    expect(decoder).toContain('return Long.fromInt((small >>> 1) ^ -(small & 1))');
  });

  it('adds offsets and timestamps exactly, beyond 2^53 as well', () => {
    const cases: [string, number, string][] = [
      ['0', 0, '0'],
      ['1764590400000', -5, '1764590399995'],
      ['9007199254740990', 1, '9007199254740991'],
      ['9007199254740991', 2, '9007199254740993'],
      ['9223372036854775000', 800, '9223372036854775800'],
      ['-1', 2 ** 33, String(2 ** 33 - 1)],
    ];
    // a delta beyond 2^53 is not exact as a number: the sum is taken in BigInt
    const huge = decodeOne({ key: 'k', value: 'v', timestampDelta: '9007199254740993' as unknown as number }, { firstOffset: '0', firstTimestamp: '-4503599627370496', magicByte: 2 });
    expect(huge.timestamp).toBe('4503599627370497');
    for (const [base, delta, sum] of cases) {
      const record = decodeOne({ offsetDelta: 7, timestampDelta: delta, key: 'k', value: 'v' }, { firstOffset: base, firstTimestamp: base, magicByte: 2 });
      expect(record.timestamp).toBe(sum);
      expect(record.offset).toBe((BigInt(base) + 7n).toString());
    }
  });

  it('keeps a header named __proto__ as a header, not as the object\'s prototype', () => {
    const record = decodeOne({ key: 'k', value: 'v', headers: { ['__proto__']: 'p', after: 'a' } }, { firstOffset: '0', firstTimestamp: '0', magicByte: 2 });
    expect(Object.getPrototypeOf(record.headers)).toBe(Object.prototype);
    expect(Object.keys(record.headers)).toEqual(['__proto__', 'after']);
    // as unpatched kafkajs does, the inherited Object.prototype counts as an earlier value of the key
    expect(String(Object.getOwnPropertyDescriptor(record.headers, '__proto__')?.value)).toBe('[object Object],p');
  });
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
const crc32C = require('kafkajs/src/protocol/recordBatch/crc32C/crc32C') as (buffer: Buffer) => number;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ProduceV3 = require('kafkajs/src/protocol/requests/produce/v3/request') as (args: object) => { encode: () => Promise<KafkaEncoder> };

/** CRC-32C bit by bit (reflected polynomial 0x82F63B78), independent of kafkajs' tables. */
const bitwiseCrc32C = (buffer: Buffer): number => {
  let crc = 0xffffffff;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
};

describe('kafkajs produce request and CRC (patched)', () => {
  it('is the patched produce request and CRC', () => {
    const produce = fs.readFileSync(require.resolve('kafkajs/src/protocol/requests/produce/v3/request'), 'utf8');
    expect(produce).not.toContain('...message,');
    const crc = fs.readFileSync(require.resolve('kafkajs/src/protocol/recordBatch/crc32C/crc32C'), 'utf8');
    expect(crc).toContain('const T8 = new Int32Array(8 * 256)');
  });

  it('computes CRC-32C: the standard check value, and a bitwise CRC at every length around the 8-byte steps', () => {
    expect(crc32C(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32C(Buffer.alloc(0))).toBe(0);
    for (let length = 0; length < 70; length++) {
      const buffer = randomBytes(length);
      expect(crc32C(buffer)).toBe(bitwiseCrc32C(buffer));
    }
    const large = randomBytes(100_003);
    expect(crc32C(large)).toBe(bitwiseCrc32C(large));
  });

  it('puts each message into the request as its record, with key, value, headers and deltas', async () => {
    const messages = [
      { key: 'c-1', value: Buffer.from('one'), headers: { 'event-type': 'ComplaintReceived' }, partition: 0, timestamp: 1000 },
      { key: 'c-2', value: Buffer.from('two'), headers: { 'event-type': 'ComplaintClassified', 'event-id': 'e-2' }, partition: 0, timestamp: 1250 },
    ];
    const request = ProduceV3({ acks: -1, timeout: 1000, topicData: [{ topic: 't', partitions: [{ partition: 0, firstSequence: 0, messages }] }] });
    const encoded = (await request.encode()).buffer;
    const expected = [
      referenceRecord(0, 0, Buffer.from('c-1'), Buffer.from('one'), [['event-type', 'ComplaintReceived']]),
      referenceRecord(1, 250, Buffer.from('c-2'), Buffer.from('two'), [['event-type', 'ComplaintClassified'], ['event-id', 'e-2']]),
    ];
    const records = Buffer.concat(expected);
    expect(encoded.subarray(encoded.length - records.length)).toEqual(records);
    // the batch's CRC covers everything from its attributes (21 bytes into the batch) to the end
    const batchStart = encoded.length - records.length - 61;
    expect(encoded.readUInt32BE(batchStart + 17)).toBe(bitwiseCrc32C(encoded.subarray(batchStart + 21)));
  });
});
