/**
 * Every projection the product runs. `railsewa serve` and `railsewa projector` run each of them live (each its own
 * consumer group and checkpoint table), `railsewa projections list` shows them and `railsewa projections rebuild
 * NAME` rebuilds one.
 *
 * Adding a projection is one file and one line:
 *
 * 1. `src/projections/NAME.ts` exports a `Projection` (see projection.ts): a `name`, a `version`, its live `tables`
 *    by role, `createTables` for SQLite and MySQL/MariaDB (idempotent: it runs on every start, and for a rebuild's
 *    new generation with `rebuild: true`), optionally `finishTables` (indexes built after a rebuild's catch-up) and
 *    `topics`, and `apply(context, events)`, which writes a batch on `context.tx` into `context.tables` (never the
 *    live names: a rebuild passes its own generation's). The runner saves the checkpoints on the same
 *    transaction and skips what they cover; `apply` must still give the same rows when an event comes twice or a
 *    complaint's events come in another order across topics (upsert by event id, keep the latest by time, ...).
 *    The file also exports the queries that read its tables (always through the live names).
 * 2. Its line in `PROJECTIONS` below.
 *
 * Test it on both stores (test/integration/complaint-history.int.test.ts is an example): applied twice and out of
 * order, and `projections rebuild NAME` equal to the live rows.
 */
import type { ReadStore } from '../store/read-store';
import { createCheckpointsTable } from './checkpoints';
import { createDeadLettersTable } from './dead-letters';
import { createGenerationsTable, recordFirstGeneration } from './generations';
import { checkProjectionName, liveTables, type AnyProjection } from './projection';
import { analyticsProjection } from './analytics';
import { complaintHistoryProjection } from './complaint-history';
import { tweetsProjection } from './tweets-projection';

export const PROJECTIONS: readonly AnyProjection[] = [
  tweetsProjection,
  complaintHistoryProjection,
  analyticsProjection,
];

for (const projection of PROJECTIONS) checkProjectionName(projection.name);

export const findProjection = (name: string, projections: readonly AnyProjection[] = PROJECTIONS): AnyProjection | undefined =>
  projections.find((p) => p.name === name);

/**
 * Creates or upgrades every projection's live tables and checkpoints, and records its first generation; and the
 * table of the messages projections dead-lettered.
 */
export const migrateProjections = async (store: ReadStore, projections: readonly AnyProjection[] = PROJECTIONS): Promise<void> => {
  await createGenerationsTable(store);
  await createDeadLettersTable(store);
  for (const projection of projections) {
    const live = liveTables(projection);
    await projection.createTables(store, live.tables, { rebuild: false });
    await createCheckpointsTable(store, live.checkpoints);
    await recordFirstGeneration(store, projection.name, projection.version);
  }
};
