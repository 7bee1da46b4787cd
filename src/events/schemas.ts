import fs from 'node:fs';
import path from 'node:path';
import avro from 'avsc';
import type { ComplaintEventType } from './complaint';

export const SCHEMA_NAMESPACE = 'railsewa.events';

export interface EventSchema {
  type: ComplaintEventType;
  fullName: string;
  /** the .avsc text, as registered */
  definition: string;
  avroType: avro.Type;
}

const findSchemasDir = (): string => {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'schemas');
    if (fs.existsSync(path.join(candidate, 'ComplaintReceived.avsc'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('schemas/ folder not found above ' + __dirname);
    dir = parent;
  }
};

let cache: Map<ComplaintEventType, EventSchema> | undefined;

/** The contract: one Avro schema per event type, read from schemas/*.avsc. */
export const eventSchemas = (): Map<ComplaintEventType, EventSchema> => {
  if (cache) return cache;
  const dir = findSchemasDir();
  const schemas = new Map<ComplaintEventType, EventSchema>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.avsc')).sort()) {
    const definition = fs.readFileSync(path.join(dir, file), 'utf8');
    const parsed = JSON.parse(definition) as { name: string; namespace: string };
    const avroType = avro.Type.forSchema(JSON.parse(definition) as avro.Schema);
    const type = parsed.name as ComplaintEventType;
    schemas.set(type, { type, fullName: `${parsed.namespace}.${parsed.name}`, definition, avroType });
  }
  cache = schemas;
  return schemas;
};

export const schemaFor = (type: ComplaintEventType): EventSchema => {
  const schema = eventSchemas().get(type);
  if (!schema) throw new Error(`no schema for event type ${type}`);
  return schema;
};
