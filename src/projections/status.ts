import type { EventStore } from '../eventlog/event-store';
import type { ReadStore } from '../store/read-store';
import { loadCheckpoints } from './checkpoints';
import { countDeadLetters, countUnpublishedDeadLetters, DEAD_LETTERS_TABLE } from './dead-letters';
import { readGenerations, type GenerationRecord } from './generations';
import { liveTables, projectionTopics, type AnyProjection } from './projection';

export interface TopicPosition {
  topic: string;
  /** the events the checkpoints cover, summed over the topic's partitions */
  checkpoint: number;
  /** the topic's end offsets, summed */
  end: number;
  /** per partition, the end minus the checkpoint (never below 0), summed */
  lag: number;
}

export interface ProjectionStatus {
  name: string;
  /** the version of the code */
  version: number;
  /** the serving generation; null when none was recorded yet */
  generation: GenerationRecord | null;
  topics: TopicPosition[];
  /** the messages its runner dead-lettered (rows of projection_dead_letters) */
  deadLetters?: number;
  /** those of them not published to their `.dlq` topic yet */
  unpublishedDeadLetters?: number;
}

export const topicPosition = (topic: string, ends: Map<number, number>, checkpoints: Map<number, number>): TopicPosition => {
  let checkpoint = 0;
  let end = 0;
  let lag = 0;
  for (const offset of checkpoints.values()) checkpoint += offset;
  for (const [partition, offset] of ends) {
    end += offset;
    lag += Math.max(0, offset - (checkpoints.get(partition) ?? 0));
  }
  return { topic, checkpoint, end, lag };
};

export const projectionStatuses = async (events: EventStore, store: ReadStore, projections: readonly AnyProjection[]): Promise<ProjectionStatus[]> => {
  const generations = await readGenerations(store);
  const ends = new Map<string, Map<number, number>>();
  const statuses: ProjectionStatus[] = [];
  for (const projection of projections) {
    const topics: TopicPosition[] = [];
    for (const topic of projectionTopics(projection, events.topics)) {
      if (!ends.has(topic)) ends.set(topic, await events.log.endOffsets(topic));
      const checkpoints = await loadCheckpoints(store, liveTables(projection).checkpoints, topic);
      topics.push(topicPosition(topic, ends.get(topic) ?? new Map(), checkpoints));
    }
    const deadLetters = await countDeadLetters(store, projection.name);
    const unpublishedDeadLetters = deadLetters > 0 ? await countUnpublishedDeadLetters(store, projection.name) : 0;
    statuses.push({ name: projection.name, version: projection.version, generation: generations.get(projection.name) ?? null, topics, deadLetters, unpublishedDeadLetters });
  }
  return statuses;
};

/** What `railsewa projections list` prints: a line per projection, then one per topic it reads. */
export const formatProjectionStatuses = (statuses: ProjectionStatus[]): string => {
  const lines: string[] = [];
  const width = Math.max(5, ...statuses.flatMap((s) => s.topics.map((t) => t.topic.length)));
  for (const status of statuses) {
    const g = status.generation;
    const generation = g ? `generation ${g.generation}${g.rebuiltAt ? ` (rebuilt ${g.rebuiltAt})` : ''}` : 'generation none';
    const stale = g && g.version !== status.version ? `  built by version ${g.version}: rebuild it` : '';
    const unpublished = status.unpublishedDeadLetters ? `, ${status.unpublishedDeadLetters} not yet on .dlq` : '';
    const dead = status.deadLetters ? `  ${status.deadLetters} dead-lettered (${DEAD_LETTERS_TABLE}${unpublished})` : '';
    lines.push(`${status.name}  version ${status.version}  ${generation}${stale}${dead}`);
    for (const t of status.topics) {
      lines.push(`  ${t.topic.padEnd(width)}  checkpoint ${String(t.checkpoint).padStart(9)}  end ${String(t.end).padStart(9)}  lag ${String(t.lag).padStart(9)}`);
    }
  }
  return lines.join('\n');
};
