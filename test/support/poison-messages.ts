import type { Runtime } from '../../src/runtime';
import { aComplaintClassified, aComplaintReceived } from './fixtures';

/** A schema id the registry never gave out: a message carrying it cannot be decoded (code `unknown_schema`). */
export const UNKNOWN_SCHEMA_ID = 0x7ffffff0;

/** A wire-format header (magic byte 0, schema id) and a body. */
export const wire = (schemaId: number, body: number[]): Buffer => {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(schemaId, 1);
  return Buffer.concat([header, Buffer.from(body)]);
};

/**
 * A received complaint whose classifications have a message of an unknown schema between them, under its key (so in
 * their partition of the classified topic): its key, the poison's bytes and position, and the classification after it.
 */
export const aPoisonedClassification = async (runtime: Runtime, body = [0x02, 0x41]) => {
  const received = aComplaintReceived();
  const key = received.data.complaintId;
  await runtime.events.append([received, aComplaintClassified(key)]);
  const poison = wire(UNKNOWN_SCHEMA_ID, body);
  const [bad] = await runtime.events.log.append(runtime.topics.classified, [{ key, value: poison }]);
  const [last] = await runtime.events.append([aComplaintClassified(key)]);
  if (last.partition !== bad.partition) throw new Error('the classification after the poison is in another partition');
  return { key, poison, bad, last };
};
