import type { ReadStore } from './read-store';

/**
 * Adds an index on `columns` unless the table has one on exactly those columns already. SQLite's index names are
 * global and keep the name of the generation that made them when a rebuild renames the table, so an index is
 * recognised by its columns, not its name.
 */
export const ensureIndex = async (store: ReadStore, table: string, name: string, columns: string[]): Promise<void> => {
  const wanted = columns.join(',');
  if (store.dialect === 'sqlite') {
    const rows = await store.query<{ index_name: string; column_name: string; seqno: number }>(
      `SELECT list.name AS index_name, info.name AS column_name, info.seqno AS seqno
       FROM pragma_index_list('${table}') AS list, pragma_index_info(list.name) AS info`,
    );
    const byIndex = new Map<string, string[]>();
    for (const row of [...rows].sort((a, b) => Number(a.seqno) - Number(b.seqno))) {
      byIndex.set(row.index_name, [...(byIndex.get(row.index_name) ?? []), row.column_name]);
    }
    if ([...byIndex.values()].some((c) => c.join(',') === wanted)) return;
    await store.execute(`CREATE INDEX ${table}_${name} ON ${table} (${columns.join(', ')})`);
    return;
  }
  const rows = await store.query<{ n: number }>(
    'SELECT COUNT(*) AS n FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ? AND index_name = ?',
    [table, name],
  );
  if (Number(rows[0].n) === 0) await store.execute(`ALTER TABLE ${table} ADD INDEX ${name} (${columns.join(', ')})`);
};
