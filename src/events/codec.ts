import avro from 'avsc';
import type { ComplaintEvent, ComplaintEventType } from './complaint';
import { legacyComplaintSchema, upcastLegacyComplaint } from './legacy';
import { UnknownSchemaError, type SchemaRegistry } from './registry';
import { eventSchemas, schemaFor } from './schemas';
import { subjectFor, topicOf, type Topics } from './topics';

export const MAGIC_BYTE = 0;
const UNKNOWN_SCHEMA_TTL_MS = 5 * 60_000;
const HEADER_LENGTH = 5;

/** Why a message could not be turned into an event: it goes to the dead-letter topic with this reason. */
export class DecodeError extends Error {
  constructor(
    readonly code: 'empty' | 'bad_magic_byte' | 'unknown_schema' | 'bad_avro' | 'bad_json' | 'bad_shape' | 'unknown_type',
    message: string,
  ) {
    super(message);
  }
}

/** Writes events in the Confluent wire format (magic byte 0, 4-byte schema id, Avro body) and reads them back. */
export class EventCodec {
  private readonly writerIds = new Map<ComplaintEventType, number>();
  private readonly readers = new Map<number, { type: ComplaintEventType; resolver: avro.Resolver; writer: avro.Type }>();
  /** ids the registry did not know, and until when to believe that: a flood of bad ids is not a flood of lookups */
  private readonly unknown = new Map<number, number>();

  constructor(
    private readonly registry: SchemaRegistry,
    private readonly topics: Topics,
  ) {}

  /** Registers every event schema under `<topic>-<record full name>`. */
  async init(): Promise<void> {
    for (const schema of eventSchemas().values()) {
      const subject = subjectFor(topicOf(this.topics, schema.type), schema.fullName);
      const id = await this.registry.register(subject, schema.definition);
      this.writerIds.set(schema.type, id);
    }
  }

  schemaIdOf(type: ComplaintEventType): number {
    const id = this.writerIds.get(type);
    if (id === undefined) throw new Error(`codec not initialised for ${type}`);
    return id;
  }

  encode(event: ComplaintEvent): Buffer {
    const body = schemaFor(event.type).avroType.toBuffer({ metadata: event.metadata, data: event.data });
    const header = Buffer.alloc(HEADER_LENGTH);
    header.writeUInt8(MAGIC_BYTE, 0);
    header.writeUInt32BE(this.schemaIdOf(event.type), 1);
    return Buffer.concat([header, body]);
  }

  async decode(value: Buffer | null): Promise<ComplaintEvent> {
    if (!value || value.length === 0) throw new DecodeError('empty', 'empty message');
    if (value[0] === 0x7b /* { */) return this.decodeLegacyJson(value);
    if (value[0] !== MAGIC_BYTE) throw new DecodeError('bad_magic_byte', `unknown magic byte ${value[0]}`);
    if (value.length < HEADER_LENGTH) throw new DecodeError('bad_avro', 'message shorter than the wire-format header');
    const schemaId = value.readUInt32BE(1);
    const reader = await this.readerFor(schemaId);
    let decoded: { metadata: ComplaintEvent['metadata']; data: ComplaintEvent['data'] };
    try {
      decoded = schemaFor(reader.type).avroType.fromBuffer(value.subarray(HEADER_LENGTH), reader.resolver, true);
    } catch (error) {
      throw new DecodeError('bad_avro', `Avro body does not match schema ${schemaId}: ${(error as Error).message}`);
    }
    return { type: reader.type, data: decoded.data, metadata: decoded.metadata } as ComplaintEvent;
  }

  private async readerFor(schemaId: number) {
    const cached = this.readers.get(schemaId);
    if (cached) return cached;
    if ((this.unknown.get(schemaId) ?? 0) > Date.now()) throw new DecodeError('unknown_schema', `schema id ${schemaId} is not registered`);
    let definition: string;
    try {
      definition = await this.registry.getById(schemaId);
    } catch (error) {
      if (!(error instanceof UnknownSchemaError)) throw error; // the registry is unreachable: retry, do not dead-letter
      if (this.unknown.size > 10_000) this.unknown.clear();
      this.unknown.set(schemaId, Date.now() + UNKNOWN_SCHEMA_TTL_MS);
      throw new DecodeError('unknown_schema', `schema id ${schemaId} is not registered`);
    }
    const writer = avro.Type.forSchema(JSON.parse(definition) as avro.Schema);
    const name = (writer as avro.types.RecordType).name?.split('.').pop() as ComplaintEventType | undefined;
    const known = name ? eventSchemas().get(name) : undefined;
    if (!known) throw new DecodeError('unknown_type', `schema id ${schemaId} is not an event type this service knows`);
    const reader = { type: known.type, resolver: known.avroType.createResolver(writer), writer };
    this.readers.set(schemaId, reader);
    return reader;
  }

  private decodeLegacyJson(value: Buffer): ComplaintEvent {
    let json: unknown;
    try {
      json = JSON.parse(value.toString('utf8'));
    } catch (error) {
      throw new DecodeError('bad_json', `not JSON: ${(error as Error).message}`);
    }
    const parsed = legacyComplaintSchema.safeParse(json);
    if (!parsed.success) {
      throw new DecodeError('bad_shape', `JSON is not a legacy complaint: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
    }
    return upcastLegacyComplaint(parsed.data);
  }
}
