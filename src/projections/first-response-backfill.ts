import { runBackfill, type BackfillOptions, type BatchedBackfill } from '../store/backfills';
import type { ReadStore } from '../store/read-store';
import { FIRST_RESPONSE_BACKFILL } from '../store/tweets-backfills';
import { earliest, firstResponseFields, type ResponseTargets } from './first-response';

interface UpgradedRow {
  id: number;
  received_at: string | null;
  prediction: number | null;
  review: number | null;
  category: string | null;
  acknowledged_at: string | null;
  assigned_at: string | null;
  responded_at: string | null;
  resolved_at: string | null;
}

const firstResponseBackfill = (store: ReadStore, targets: ResponseTargets): BatchedBackfill<UpgradedRow> => ({
  name: FIRST_RESPONSE_BACKFILL.name,
  select: (table, afterId, limit) =>
    store.query<UpgradedRow>(
      `SELECT id, received_at, prediction, review, category, acknowledged_at, assigned_at, responded_at, resolved_at FROM ${table}
       WHERE id > ? AND due_at IS NULL AND received_event_id IS NOT NULL AND received_at IS NOT NULL ORDER BY id LIMIT ${limit}`,
      [afterId],
    ),
  fill: async (tx, table, rows) => {
    let filled = 0;
    for (const row of rows) {
      const first = [row.acknowledged_at, row.assigned_at, row.responded_at, row.resolved_at].reduce<string | null>(earliest, null);
      const fields = firstResponseFields(
        {
          received_at: row.received_at,
          prediction: row.prediction === null ? null : Number(row.prediction),
          review: Number(row.review ?? 0),
          category: row.category,
          first_response_at: first,
        },
        targets,
      );
      // A row the projector has written since it was read has its due time from the projector: it keeps it.
      const updated = await tx.execute(
        `UPDATE ${table} SET first_response_at = ?, first_response_seconds = ?, due_at = ?, waiting_due_at = ? WHERE id = ? AND due_at IS NULL`,
        [fields.first_response_at, fields.first_response_seconds, fields.due_at, fields.waiting_due_at, row.id],
      );
      filled += updated.affectedRows;
    }
    return filled;
  },
});

/**
 * Gives rows written before first-response targets their due time and first response. The row keeps only the latest
 * of each step, so the first response is the earliest of those: exact unless the complaint was reopened and taken up
 * again (a rebuild from the events gives the exact time). Runs once per table: a table made by this release, or
 * filled once, is not read again at later starts (store/backfills.ts).
 */
export const backfillFirstResponse = (store: ReadStore, tweetsTable: string, targets: ResponseTargets, options?: BackfillOptions): Promise<number> =>
  runBackfill(store, tweetsTable, firstResponseBackfill(store, targets), options);
