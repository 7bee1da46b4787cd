import { groupName } from '../events/topics';
import type { EventStore } from '../eventlog/event-store';
import type { Positions } from '../eventlog/event-log';
import type { Logger } from '../logger';
import { createCheckpointsTable, loadCheckpoints } from '../projections/checkpoints';
import { swapGeneration } from '../projections/generations';
import { allTablesOf, generationTables, liveTables, projectionTopics, type AnyProjection } from '../projections/projection';
import type { ReadStore } from '../store/read-store';
import { startProjectionRunner } from './projection-runner';

export interface RebuildProgress {
  applied: number;
  target: number;
}

export interface RebuildDeps {
  events: EventStore;
  store: ReadStore;
  logger: Logger;
  onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Where a rebuild has caught up: each topic's end. On Kafka the classifier writes its topic in transactions, whose
 * commit markers take offsets after the last event, so its end is never reached by a checkpoint: there the rebuild
 * catches up with what the live generation has applied, and the live runner carries on from there after the swap.
 */
export const rebuildTargets = async (events: EventStore, store: ReadStore, topics: string[], liveCheckpoints: string): Promise<Map<string, Positions>> => {
  const ends = new Map<string, Positions>();
  for (const topic of topics) {
    const transactional = events.log.engine === 'kafka' && topic === events.topics.classified;
    ends.set(topic, transactional ? await loadCheckpoints(store, liveCheckpoints, topic) : await events.log.endOffsets(topic));
  }
  return ends;
};

export const totalOf = (ends: Map<string, Positions>): number => {
  let total = 0;
  for (const end of ends.values()) for (const offset of end.values()) total += offset;
  return total;
};

/**
 * Watches a rebuild's checkpoints: `check` (after every batch) reports progress toward `ends` and settles `caughtUp`
 * once every partition has reached its end.
 */
export const catchUpWatch = (
  store: ReadStore,
  checkpoints: string,
  ends: Map<string, Positions>,
  onProgress?: (progress: RebuildProgress) => void,
): { check: () => Promise<void>; caughtUp: Promise<void> } => {
  const target = totalOf(ends);
  let resolveCaughtUp: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => (resolveCaughtUp = resolve));
  const check = async () => {
    let applied = 0;
    let behind = false;
    for (const [topic, end] of ends) {
      const stored = await loadCheckpoints(store, checkpoints, topic);
      for (const [partition, offset] of end) {
        const at = stored.get(partition) ?? 0;
        applied += Math.min(at, offset);
        if (at < offset) behind = true;
      }
    }
    onProgress?.({ applied, target });
    if (!behind) resolveCaughtUp();
  };
  return { check, caughtUp };
};

/**
 * Rebuilds a registered projection from the first event into a new generation of its tables while the live one
 * serves, then swaps every table of it (checkpoints too) in with one atomic rename and records the generation. The
 * live runner notices the new checkpoints and carries on from them (it seeks back if it was ahead).
 */
export const rebuildProjection = async (projection: AnyProjection, deps: RebuildDeps): Promise<{ events: number; generation: string }> => {
  const { events, store, logger } = deps;
  const suffix = `r${Date.now()}`;
  const live = liveTables(projection);
  const next = generationTables(projection, suffix);
  await projection.createTables(store, next.tables, { rebuild: true });
  await createCheckpointsTable(store, next.checkpoints);

  const ends = await rebuildTargets(events, store, projectionTopics(projection, events.topics), live.checkpoints);
  const { check, caughtUp } = catchUpWatch(store, next.checkpoints, ends, deps.onProgress);
  const subscription = await startProjectionRunner({
    events,
    store,
    logger,
    projection,
    generation: next,
    groupId: groupName(events.topics, `railsewa-rebuild-${projection.name}-${suffix}`),
    onBatch: check,
  });
  await check();
  await caughtUp;
  await subscription.stop();
  await projection.finishTables?.(store, next.tables);

  const retired = generationTables(projection, `${suffix}_old`);
  const liveNames = allTablesOf(live);
  const nextNames = allTablesOf(next);
  const retiredNames = allTablesOf(retired);
  const swaps: [string, string][] = [...liveNames.map((t, i): [string, string] => [t, retiredNames[i]]), ...nextNames.map((t, i): [string, string] => [t, liveNames[i]])];
  await swapGeneration(store, projection, swaps, retiredNames);
  return { events: totalOf(ends), generation: suffix };
};
