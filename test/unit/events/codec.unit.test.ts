import avro from 'avsc';
import { randomUUID } from 'node:crypto';
import { DecodeError, EventCodec, MAGIC_BYTE } from '../../../src/events/codec';
import { upcastLegacyComplaint } from '../../../src/events/legacy';
import { InMemorySchemaRegistry } from '../../../src/events/registry';
import { schemaFor } from '../../../src/events/schemas';
import { defaultTopics } from '../../../src/events/topics';
import { REFERENCE_PATTERN } from '../../../src/events/reference';
import { COMPLAINT_EVENT_TYPES } from '../../../src/events/complaint';
import {
  aComplaintAcknowledged,
  aComplaintAssigned,
  aComplaintClassified,
  aComplaintNoteAdded,
  aComplaintReceived,
  aComplaintReopened,
  aComplaintResolved,
  aResponseGiven,
} from '../../support/fixtures';

const newCodec = async () => {
  const registry = new InMemorySchemaRegistry();
  const codec = new EventCodec(registry, defaultTopics());
  await codec.init();
  return { codec, registry };
};

describe('EventCodec', () => {
  it.each([
    ['ComplaintReceived', aComplaintReceived()],
    ['ComplaintClassified', aComplaintClassified('c-1', { keywords: ['fire', 'smoke'] })],
    ['ResponseGiven', aResponseGiven('c-1')],
    ['ComplaintAcknowledged', aComplaintAcknowledged('c-1')],
    ['ComplaintAssigned', aComplaintAssigned('c-1', 'asha')],
    ['ComplaintNoteAdded', aComplaintNoteAdded('c-1', 'नोट: called the TTE')],
    ['ComplaintResolved', aComplaintResolved('c-1')],
    ['ComplaintReopened', aComplaintReopened('c-1')],
  ])('round-trips %s', async (_, event) => {
    const { codec } = await newCodec();
    expect(await codec.decode(codec.encode(event))).toEqual(event);
  });

  it('has one schema per event type, named like it, in the events namespace', () => {
    for (const type of COMPLAINT_EVENT_TYPES) expect(schemaFor(type).fullName).toBe(`railsewa.events.${type}`);
  });

  it('writes the Confluent wire format: magic byte 0, 4-byte schema id, Avro body', async () => {
    const { codec } = await newCodec();
    const event = aComplaintReceived();
    const bytes = codec.encode(event);
    expect(bytes[0]).toBe(MAGIC_BYTE);
    expect(bytes.readUInt32BE(1)).toBe(codec.schemaIdOf('ComplaintReceived'));
    const body = schemaFor('ComplaintReceived').avroType.fromBuffer(bytes.subarray(5));
    expect(body.data.text).toBe(event.data.text);
  });

  it('reads an event written with an older schema version (a field added with a default)', async () => {
    const { codec, registry } = await newCodec();
    const current = JSON.parse(schemaFor('ComplaintReceived').definition);
    const older = structuredClone(current);
    const dataFields = older.fields[1].type.fields as { name: string }[];
    older.fields[1].type.fields = dataFields.filter((f) => f.name !== 'contact');
    const olderId = await registry.register('raw_tweets-railsewa.events.ComplaintReceived', JSON.stringify(older));
    const event = aComplaintReceived();
    const { contact: _contact, ...olderData } = event.data;
    const body = avro.Type.forSchema(older).toBuffer({ metadata: event.metadata, data: olderData });
    const header = Buffer.from([0, 0, 0, 0, 0]);
    header.writeUInt32BE(olderId, 1);
    const decoded = await codec.decode(Buffer.concat([header, body]));
    expect(decoded.data).toEqual({ ...event.data, contact: null });
  });

  it('reads a ComplaintClassified written before the review lane as not flagged for review (the schema default)', async () => {
    const { codec, registry } = await newCodec();
    const older = JSON.parse(schemaFor('ComplaintClassified').definition);
    const dataFields = older.fields[1].type.fields as { name: string }[];
    older.fields[1].type.fields = dataFields.filter((f) => f.name !== 'review');
    const olderId = await registry.register('classified_tweets-railsewa.events.ComplaintClassified', JSON.stringify(older));
    const event = aComplaintClassified(randomUUID(), { prediction: 0, review: true });
    const { review: _review, ...olderData } = event.data;
    const body = avro.Type.forSchema(older).toBuffer({ metadata: event.metadata, data: olderData });
    const header = Buffer.from([0, 0, 0, 0, 0]);
    header.writeUInt32BE(olderId, 1);
    const decoded = await codec.decode(Buffer.concat([header, body]));
    expect(decoded.data).toEqual({ ...event.data, review: false });
  });

  it('round-trips the review flag of a new ComplaintClassified', async () => {
    const { codec } = await newCodec();
    const event = aComplaintClassified(randomUUID(), { prediction: 0, review: true });
    expect((await codec.decode(codec.encode(event))).data).toMatchObject({ review: true });
  });

  it.each([
    ['an empty message', Buffer.alloc(0), 'empty'],
    ['a bad magic byte', Buffer.from([7, 0, 0, 0, 1, 2]), 'bad_magic_byte'],
    ['an unknown schema id', Buffer.from([0, 0, 0, 3, 231, 2]), 'unknown_schema'],
    ['a truncated header', Buffer.from([0, 0, 1]), 'bad_avro'],
    ['broken JSON', Buffer.from('{"complaint_id": 1,'), 'bad_json'],
    ['JSON of the wrong shape', Buffer.from('{"hello": "world"}'), 'bad_shape'],
  ])('refuses %s with a reason', async (_, bytes, code) => {
    const { codec } = await newCodec();
    await expect(codec.decode(bytes)).rejects.toMatchObject({ code });
    await expect(codec.decode(bytes)).rejects.toBeInstanceOf(DecodeError);
  });

  it('refuses a broken Avro body', async () => {
    const { codec } = await newCodec();
    const good = codec.encode(aComplaintReceived());
    await expect(codec.decode(good.subarray(0, 12))).rejects.toMatchObject({ code: 'bad_avro' });
  });
});

describe('legacy JSON upcaster', () => {
  const legacy = {
    complaint_id: 1234567890,
    text: 'Train No 9166 is delayed...',
    user_id: 6491883832,
    username: 'user_6491883832',
    first_name: 'John',
    last_name: 'Doe',
    chat_id: 6491883832,
    timestamp: '2025-11-17T18:00:00Z',
  };

  it('turns the original design JSON into ComplaintReceived', async () => {
    const { codec } = await newCodec();
    const event = await codec.decode(Buffer.from(JSON.stringify(legacy)));
    expect(event).toMatchObject({
      type: 'ComplaintReceived',
      data: {
        complaintId: '1234567890',
        text: 'Train No 9166 is delayed...',
        source: 'legacy',
        userId: 6491883832,
        chatId: 6491883832,
        username: 'user_6491883832',
        firstName: 'John',
        lastName: 'Doe',
        receivedAt: '2025-11-17T18:00:00.000Z',
      },
    });
    expect(event.type === 'ComplaintReceived' && event.data.reference).toMatch(REFERENCE_PATTERN);
  });

  it('gives a redelivered legacy message the same event id', () => {
    expect(upcastLegacyComplaint(legacy).metadata.eventId).toBe(upcastLegacyComplaint(legacy).metadata.eventId);
  });

  it('accepts missing optional fields', () => {
    const event = upcastLegacyComplaint({ complaint_id: '42', text: 'hello' }, new Date('2026-01-01T00:00:00Z'));
    expect(event.data).toMatchObject({ complaintId: '42', userId: null, chatId: null, receivedAt: '2026-01-01T00:00:00.000Z' });
  });
});
