import { deadLetterTopic, groupName } from '../events/topics';
import type { Classification } from '../classify/types';
import { classifyComplaint } from '../commands/handlers';
import { unusableComplaintReason } from '../commands/complaint';
import { DecodeError } from '../events/codec';
import type { ComplaintEvent } from '../events/complaint';
import type { Clock, NewId } from '../events/ids';
import { deadLetterRecords, type DeadLetter } from '../eventlog/dead-letter';
import type { Subscription, TopicRecords } from '../eventlog/event-log';
import type { EventStore } from '../eventlog/event-store';
import type { Logger } from '../logger';
import { metrics } from '../metrics';

export const CLASSIFIER_GROUP = 'railsewa-classifier';

export interface ClassifierRoleDeps {
  events: EventStore;
  classify: (text: string) => Classification;
  now: Clock;
  newId: NewId;
  logger: Logger;
  groupId?: string;
  /** called once each batch's output and offset are committed, with its partition and the offset after it */
  onBatch?: (partition: number, nextOffset: number) => void;
}

/**
 * Consumes raw_tweets and appends one ComplaintClassified per complaint text (received or amended). The output and the consumer's offset are
 * committed in one atomic step (a Kafka transaction with sendOffsets; one SQLite transaction embedded), so a crash
 * never classifies a complaint twice or skips one. Messages that cannot be read go to raw_tweets.dlq.
 */
export const startClassifier = async (deps: ClassifierRoleDeps): Promise<Subscription> => {
  const groupId = deps.groupId ?? groupName(deps.events.topics, CLASSIFIER_GROUP);
  return deps.events.log.subscribe({
    groupId,
    topics: [deps.events.topics.raw],
    fromBeginning: true,
    // Each partition has its own transactional producer on Kafka, so partitions can be handled side by side.
    concurrency: 3,
    eachBatch: async (batch): Promise<TopicRecords[]> => {
      const classified: ComplaintEvent[] = [];
      const dead: DeadLetter[] = [];
      for (const message of batch.messages) {
        try {
          const event = await deps.events.codec.decode(message.value);
          if (event.type === 'ComplaintLocated') continue;
          if (event.type !== 'ComplaintReceived' && event.type !== 'ComplaintAmended') {
            dead.push({ message, code: 'unexpected_type', reason: `${event.type} does not belong on ${batch.topic}` });
          } else if (unusableComplaintReason(event) !== null) {
            dead.push({ message, code: 'unusable_complaint', reason: unusableComplaintReason(event)! });
          } else {
            classified.push(classifyComplaint(deps, event));
          }
        } catch (error) {
          if (!(error instanceof DecodeError)) throw error;
          dead.push({ message, code: error.code, reason: error.message });
        }
      }
      if (dead.length > 0) deps.logger.warn({ topic: batch.topic, count: dead.length }, 'messages dead-lettered');
      return [...deps.events.toRecords(classified), ...deadLetterRecords(groupId, dead)];
    },
    // Counted once committed: a batch whose transaction fails is read again and must not count twice.
    onCommitted: (batch, output) => {
      const dlq = deadLetterTopic(batch.topic);
      for (const records of output) {
        if (records.topic !== dlq) continue;
        for (const message of records.messages) metrics.deadLetters.inc({ topic: batch.topic, code: message.headers?.['dlq-code'] ?? 'unknown' });
      }
      deps.onBatch?.(batch.partition, batch.messages[batch.messages.length - 1].offset + 1);
    },
  });
};
