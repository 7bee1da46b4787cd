import { putBackfills, renamedBackfills, takeBackfills, type BackfillMark } from '../store/backfills';
import type { ReadStore, SqlExecutor } from '../store/read-store';

/**
 * Which generation of each projection serves: 1 when its tables were first made, one more for every rebuild swapped
 * in, with the version of the code that built it.
 */
export const GENERATIONS_TABLE = 'projection_generations';

export interface GenerationRecord {
  name: string;
  version: number;
  generation: number;
  /** when the serving generation was swapped in; null for the first one */
  rebuiltAt: string | null;
}

export const createGenerationsTable = async (store: ReadStore): Promise<void> => {
  await store.execute(
    store.dialect === 'sqlite'
      ? `CREATE TABLE IF NOT EXISTS ${GENERATIONS_TABLE} (
          name TEXT PRIMARY KEY,
          version INTEGER NOT NULL,
          generation INTEGER NOT NULL,
          rebuilt_at TEXT
        )`
      : `CREATE TABLE IF NOT EXISTS ${GENERATIONS_TABLE} (
          name VARCHAR(64) PRIMARY KEY,
          version INT NOT NULL,
          generation INT NOT NULL,
          rebuilt_at VARCHAR(32)
        ) ENGINE=InnoDB`,
  );
};

/** The first generation of a projection, recorded once (the tables existed before the record if they are older). */
export const recordFirstGeneration = async (store: ReadStore, name: string, version: number): Promise<void> => {
  const ignore = store.dialect === 'sqlite' ? 'OR IGNORE' : 'IGNORE';
  await store.execute(`INSERT ${ignore} INTO ${GENERATIONS_TABLE} (name, version, generation, rebuilt_at) VALUES (?, ?, 1, NULL)`, [name, version]);
};

/** A rebuilt generation serves from now on: written in the swap's transaction. */
export const recordRebuiltGeneration = async (tx: SqlExecutor, name: string, version: number, at: string): Promise<void> => {
  await tx.execute(`UPDATE ${GENERATIONS_TABLE} SET version = ?, generation = generation + 1, rebuilt_at = ? WHERE name = ?`, [version, at, name]);
};

export const readGenerations = async (store: ReadStore): Promise<Map<string, GenerationRecord>> => {
  const rows = await store.query<{ name: string; version: number; generation: number; rebuilt_at: string | null }>(
    `SELECT name, version, generation, rebuilt_at FROM ${GENERATIONS_TABLE}`,
  );
  return new Map(rows.map((r) => [r.name, { name: r.name, version: Number(r.version), generation: Number(r.generation), rebuiltAt: r.rebuilt_at }]));
};

/**
 * Swaps a rebuilt generation in: renames its tables over the live ones and the live ones out to `retired` (`swaps`,
 * applied in order), records the generation in the same transaction, then drops the retired tables. Each table's
 * backfill marks (store/backfills.ts) follow its name: they are taken off before the rename and put back after it, so
 * a start in between, or a rename that fails, finds the live tables unmarked and backfills them (finding nothing to
 * do in a generation this code built) rather than trusting a mark that belonged to another table.
 */
export const swapGeneration = async (
  store: ReadStore,
  projection: { name: string; version: number },
  swaps: [string, string][],
  retired: string[],
): Promise<void> => {
  let carried: BackfillMark[] = [];
  await store.transaction(async (tx) => {
    // Before the rename: on MySQL a RENAME TABLE commits the transaction, these writes with it.
    await recordRebuiltGeneration(tx, projection.name, projection.version, new Date().toISOString());
    carried = renamedBackfills(await takeBackfills(tx, swaps.map(([from]) => from)), swaps);
    await store.renameTables(tx, swaps);
  });
  await putBackfills(store, carried.filter((mark) => !retired.includes(mark.table)));
  for (const table of retired) await store.execute(`DROP TABLE ${table}`);
};
