import type { Subscription } from '../eventlog/event-log';
import type { EventStore } from '../eventlog/event-store';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { PROJECTIONS } from '../projections/registry';
import { TWEETS_PROJECTION } from '../projections/tweets';
import type { AnyProjection } from '../projections/projection';
import type { ReadStore } from '../store/read-store';
import { deadLetterRelay } from './dead-letter-relay';
import { rebuildProjection, type RebuildProgress } from './projection-rebuild';
import { startProjectionRunner } from './projection-runner';
import { startTweetsProjector } from './projector';
import { rebuildTweets } from './rebuild';

export interface ProjectionDeps {
  events: EventStore;
  store: ReadStore;
  logger: Logger;
  /** the settings the projections follow: the tweets rows' first-response targets (default: the built-in ones) */
  config?: Pick<Config, 'responseTargets'>;
}

/** A projection's change, once committed: the complaints whose rows it wrote. */
export type OnProjected = (projection: string, complaintIds: string[]) => void;

interface Runner {
  start(deps: ProjectionDeps, onProjected?: OnProjected): Promise<Subscription>;
  rebuild(deps: ProjectionDeps, onProgress?: (progress: RebuildProgress) => void): Promise<{ events: number }>;
}

const genericRunner = (projection: AnyProjection): Runner => ({
  start: (deps, onProjected) =>
    startProjectionRunner({
      ...deps,
      projection,
      onCommitted: onProjected && ((events) => onProjected(projection.name, [...new Set(events.map((e) => e.event.data.complaintId))])),
    }),
  rebuild: (deps, onProgress) => rebuildProjection(projection, { ...deps, onProgress }),
});

/** Projections with a runner of their own; every other one runs on the generic runner. */
const OWN_RUNNERS: Record<string, Runner> = {
  // The tweets row is written once a complaint's classification is in (the classification hold).
  [TWEETS_PROJECTION.name]: {
    start: (deps, onProjected) =>
      startTweetsProjector({
        ...deps,
        targets: deps.config?.responseTargets,
        onCommitted: onProjected && ((applied) => onProjected(TWEETS_PROJECTION.name, applied.rows.map((r) => r.tweet_id))),
      }),
    rebuild: (deps, onProgress) => rebuildTweets({ ...deps, targets: deps.config?.responseTargets, onProgress }),
  },
};

const runnerOf = (projection: AnyProjection): Runner => OWN_RUNNERS[projection.name] ?? genericRunner(projection);

export interface RunningProjections {
  /** stops every runner, each once its batch in hand is done */
  stop(): Promise<void>;
}

/** Runs every registered projection live, each in its own consumer group. */
export const startProjections = async (
  deps: ProjectionDeps,
  onProjected?: OnProjected,
  projections: readonly AnyProjection[] = PROJECTIONS,
): Promise<RunningProjections> => {
  const subscriptions: Subscription[] = [];
  try {
    for (const projection of projections) subscriptions.push(await runnerOf(projection).start(deps, onProjected));
  } catch (error) {
    for (const subscription of subscriptions) await subscription.stop();
    throw error;
  }
  return {
    stop: async () => {
      for (const subscription of subscriptions) await subscription.stop();
    },
  };
};

/** The registered projections a process runs live, by name (config.projections). */
export const projectionsNamed = (names: readonly string[]): AnyProjection[] => PROJECTIONS.filter((p) => names.includes(p.name));

/**
 * Rebuilds one registered projection from offset 0 and swaps it in; then publishes the dead letters it met first (a
 * new version refusing more), which the live runner would otherwise publish only at its next start.
 */
export const rebuildRegistered = async (
  projection: AnyProjection,
  deps: ProjectionDeps,
  onProgress?: (progress: RebuildProgress) => void,
): Promise<{ events: number }> => {
  const rebuilt = await runnerOf(projection).rebuild(deps, onProgress);
  await deadLetterRelay({ log: deps.events.log, store: deps.store, logger: deps.logger, projection: projection.name })
    .publish()
    .catch((error: unknown) => deps.logger.warn({ err: error, projection: projection.name }, 'could not publish dead letters: the live runner publishes them at its next start'));
  return rebuilt;
};
