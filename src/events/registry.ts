/** The part of a Confluent-compatible Schema Registry the codec needs. */
export interface SchemaRegistry {
  /** Registers (or finds) a schema under a subject and returns its global id. */
  register(subject: string, definition: string): Promise<number>;
  /** The schema text registered under a global id. */
  getById(id: number): Promise<string>;
}

export class UnknownSchemaError extends Error {
  constructor(readonly schemaId: number) {
    super(`unknown schema id ${schemaId}`);
  }
}

/** For unit tests and tools: ids in registration order, one id per distinct schema text. */
export class InMemorySchemaRegistry implements SchemaRegistry {
  private readonly ids = new Map<string, number>();
  private readonly definitions = new Map<number, string>();

  async register(_subject: string, definition: string): Promise<number> {
    const canonical = JSON.stringify(JSON.parse(definition));
    let id = this.ids.get(canonical);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(canonical, id);
      this.definitions.set(id, canonical);
    }
    return id;
  }

  async getById(id: number): Promise<string> {
    const definition = this.definitions.get(id);
    if (definition === undefined) throw new UnknownSchemaError(id);
    return definition;
  }
}
