import { threadId } from 'node:worker_threads';
import type { RowsEncoder } from '../../src/store/read-store';

/** Rows as JSON, with the thread that encoded them: tests of where the SQLite store encodes a page. */
export const encodeWithThread = (rows: unknown[]): { json: string; summary: { threadId: number; count: number } } => ({
  json: JSON.stringify(rows),
  summary: { threadId, count: rows.length },
});

export const THREAD_ENCODER: RowsEncoder<{ threadId: number; count: number }> = { module: __filename, name: 'encodeWithThread', encode: encodeWithThread };
