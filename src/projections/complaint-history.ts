import type { ReadStore } from '../store/read-store';
import { ensureIndex } from '../store/indexes';
import { historyEntryOf, orderHistory, type ChangeValue, type HistoryEntry } from './history-entry';
import type { Projection } from './projection';

type HistoryTable = 'history';

export const COMPLAINT_HISTORY_TABLE = 'complaint_history';

const COLUMNS = ['event_id', 'complaint_id', 'type', 'at', 'actor', 'changes'];

/**
 * Every event of every complaint, one row each, keyed by the event id: an event applied twice writes the same row
 * again, and the order events arrive in changes nothing (the query orders them).
 */
export const complaintHistoryProjection: Projection<HistoryTable> = {
  name: 'complaint_history',
  version: 1,
  tables: { history: COMPLAINT_HISTORY_TABLE },
  createTables: async (store, { history }, { rebuild }) => {
    await store.execute(
      store.dialect === 'sqlite'
        ? `CREATE TABLE IF NOT EXISTS ${history} (
            event_id TEXT PRIMARY KEY,
            complaint_id TEXT NOT NULL,
            type TEXT NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            changes TEXT NOT NULL
          )`
        : `CREATE TABLE IF NOT EXISTS ${history} (
            event_id VARCHAR(64) PRIMARY KEY,
            complaint_id VARCHAR(64) NOT NULL,
            type VARCHAR(40) NOT NULL,
            at VARCHAR(32) NOT NULL,
            actor VARCHAR(100) NOT NULL,
            changes TEXT NOT NULL
          ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
    );
    if (!rebuild) await ensureIndex(store, history, 'idx_complaint', ['complaint_id', 'at']);
  },
  finishTables: (store, { history }) => ensureIndex(store, history, 'idx_complaint', ['complaint_id', 'at']),
  apply: async ({ store, tx, tables }, events) => {
    const rows = events.map(({ event }) => {
      const e = historyEntryOf(event);
      return [e.eventId, e.complaintId, e.type, e.at, e.by, JSON.stringify(e.changes)];
    });
    await store.upsert(tx, { table: tables.history, columns: COLUMNS, rows, key: ['event_id'], update: ['changes'] });
  },
};

interface HistoryRow {
  event_id: string;
  complaint_id: string;
  type: HistoryEntry['type'];
  at: string;
  actor: string;
  changes: string;
}

/** A complaint's history in the order it happened (see orderHistory). */
export const readComplaintHistory = async (store: ReadStore, complaintId: string, table = COMPLAINT_HISTORY_TABLE): Promise<HistoryEntry[]> => {
  const rows = await store.query<HistoryRow>(`SELECT ${COLUMNS.join(', ')} FROM ${table} WHERE complaint_id = ? ORDER BY at, event_id`, [complaintId]);
  return orderHistory(
    rows.map((r) => ({
      eventId: r.event_id,
      complaintId: r.complaint_id,
      type: r.type,
      at: r.at,
      by: r.actor,
      changes: JSON.parse(r.changes) as Record<string, ChangeValue>,
    })),
  );
};
