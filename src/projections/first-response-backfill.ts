import type { ReadStore } from '../store/read-store';
import { earliest, firstResponseFields, type ResponseTargets } from './first-response';

const BATCH = 1000;

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

/**
 * Gives rows written before first-response targets their due time and first response. The row keeps only the latest
 * of each step, so the first response is the earliest of those: exact unless the complaint was reopened and taken up
 * again (a rebuild from the events gives the exact time). Runs on every start; once upgraded it finds nothing.
 */
export const backfillFirstResponse = async (store: ReadStore, tweetsTable: string, targets: ResponseTargets): Promise<number> => {
  let filled = 0;
  let after = 0;
  for (;;) {
    const rows = await store.query<UpgradedRow>(
      `SELECT id, received_at, prediction, review, category, acknowledged_at, assigned_at, responded_at, resolved_at FROM ${tweetsTable}
       WHERE due_at IS NULL AND received_event_id IS NOT NULL AND received_at IS NOT NULL AND id > ? ORDER BY id LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) return filled;
    await store.transaction(async (tx) => {
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
        await tx.execute(
          `UPDATE ${tweetsTable} SET first_response_at = ?, first_response_seconds = ?, due_at = ?, waiting_due_at = ? WHERE id = ?`,
          [fields.first_response_at, fields.first_response_seconds, fields.due_at, fields.waiting_due_at, row.id],
        );
      }
    });
    filled += rows.length;
    after = Number(rows[rows.length - 1].id);
  }
};
