/** Deterministic train/test split that keeps every group (template or hand-written case) on one side. */
export function inTestSplit(group: string, testShare: number, salt: string): boolean {
  let h = 2166136261;
  const key = `${salt}:${group}`;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296 < testShare;
}

export function splitByGroup<T extends { group: string }>(
  rows: readonly T[],
  testShare = 0.2,
  salt = 'holdout-1',
): { train: T[]; test: T[] } {
  const train: T[] = [];
  const test: T[] = [];
  for (const row of rows) (inTestSplit(row.group, testShare, salt) ? test : train).push(row);
  return { train, test };
}
