import avro from 'avsc';
import type Database from 'better-sqlite3';
import { UnknownSchemaError, type SchemaRegistry } from '../events/registry';

export class IncompatibleSchemaError extends Error {
  readonly code = 'incompatible_schema';
}

/**
 * Schema ids for the embedded mode, from a local table beside the log. Like a registry set to BACKWARD, a new
 * version of a subject must be able to read data written with the previous one.
 */
export class EmbeddedSchemaRegistry implements SchemaRegistry {
  constructor(private readonly db: Database.Database) {}

  async register(subject: string, definition: string): Promise<number> {
    const canonical = JSON.stringify(JSON.parse(definition));
    const register = this.db.transaction(() => {
      const existing = this.db.prepare('SELECT id FROM schemas WHERE definition = ?').get(canonical) as { id: number } | undefined;
      const latest = this.db
        .prepare(
          `SELECT s.id, s.definition, v.version FROM subject_versions v JOIN schemas s ON s.id = v.schema_id
           WHERE v.subject = ? ORDER BY v.version DESC LIMIT 1`,
        )
        .get(subject) as { id: number; definition: string; version: number } | undefined;
      if (latest && existing && latest.id === existing.id) return existing.id;
      if (latest) this.assertBackward(subject, canonical, latest.definition);
      const id = existing?.id ?? Number(this.db.prepare('INSERT INTO schemas (definition) VALUES (?)').run(canonical).lastInsertRowid);
      this.db
        .prepare('INSERT INTO subject_versions (subject, version, schema_id) VALUES (?, ?, ?)')
        .run(subject, (latest?.version ?? 0) + 1, id);
      return id;
    });
    return register.immediate();
  }

  async getById(id: number): Promise<string> {
    const row = this.db.prepare('SELECT definition FROM schemas WHERE id = ?').get(id) as { definition: string } | undefined;
    if (!row) throw new UnknownSchemaError(id);
    return row.definition;
  }

  private assertBackward(subject: string, next: string, previous: string): void {
    const reader = avro.Type.forSchema(JSON.parse(next) as avro.Schema);
    const writer = avro.Type.forSchema(JSON.parse(previous) as avro.Schema);
    try {
      reader.createResolver(writer);
    } catch (error) {
      throw new IncompatibleSchemaError(`schema for ${subject} is not BACKWARD compatible: ${(error as Error).message}`);
    }
  }
}
