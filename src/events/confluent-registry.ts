import { COMPATIBILITY, SchemaRegistry as ConfluentClient, SchemaType } from '@kafkajs/confluent-schema-registry';
import type avro from 'avsc';
import { UnknownSchemaError, type SchemaRegistry } from './registry';

export class IncompatibleSchemaError extends Error {
  readonly code = 'incompatible_schema';
}

/**
 * A Confluent-compatible Schema Registry (Confluent's, or Apicurio's /apis/ccompat API) through
 * @kafkajs/confluent-schema-registry. New subjects are set to BACKWARD compatibility; a schema that breaks it is
 * refused by the registry (409).
 */
export class ConfluentSchemaRegistry implements SchemaRegistry {
  private readonly client: ConfluentClient;

  constructor(url: string) {
    this.client = new ConfluentClient({ host: url, retry: { retries: 3 } });
  }

  async register(subject: string, definition: string): Promise<number> {
    try {
      const { id } = await this.client.register(
        { type: SchemaType.AVRO, schema: definition },
        { subject, compatibility: COMPATIBILITY.BACKWARD },
      );
      return id;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 409) throw new IncompatibleSchemaError(`schema for ${subject} is not BACKWARD compatible: ${(error as Error).message}`);
      throw error;
    }
  }

  async getById(id: number): Promise<string> {
    try {
      const type = (await this.client.getSchema(id)) as unknown as avro.Type;
      return JSON.stringify(type.schema());
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 404) throw new UnknownSchemaError(id);
      throw error;
    }
  }
}
