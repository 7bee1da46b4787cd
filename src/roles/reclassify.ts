import { groupName } from '../events/topics';
import { classifierFor } from '../classify';
import { newUuid, systemClock } from '../events/ids';
import type { Runtime } from '../runtime';
import { startClassifier } from './classifier';

export interface ReclassifyProgress {
  done: number;
  target: number;
}

/**
 * Replays raw_tweets from the first event through a model version and appends a ComplaintClassified for every
 * complaint text. Event ids come from the source event and the model version, so a second run changes nothing.
 */
export const reclassify = async (
  runtime: Runtime,
  modelVersion: string,
  onProgress: (progress: ReclassifyProgress) => void = () => undefined,
): Promise<ReclassifyProgress> => {
  const classify = classifierFor(modelVersion);
  const topic = runtime.topics.raw;
  const ends = await runtime.events.log.endOffsets(topic);
  const target = [...ends.values()].reduce((a, b) => a + b, 0);
  const reached = new Map<number, number>();
  const done = () => [...reached.values()].reduce((a, b) => a + b, 0);
  const caughtUp = () => [...ends].every(([partition, end]) => (reached.get(partition) ?? 0) >= end);
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const subscription = await startClassifier({
    events: runtime.events,
    classify,
    now: systemClock,
    newId: newUuid,
    logger: runtime.logger,
    groupId: groupName(runtime.topics, `railsewa-reclassify-${modelVersion}-${Date.now()}`),
    onBatch: (partition, nextOffset) => {
      reached.set(partition, nextOffset);
      onProgress({ done: Math.min(done(), target), target });
      if (caughtUp()) finish();
    },
  });
  if (caughtUp()) finish();
  await finished;
  await subscription.stop();
  return { done: target, target };
};
