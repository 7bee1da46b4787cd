import { deadLetterTopic } from '../events/topics';
import type { Headers, LogMessage, TopicRecords } from './event-log';

export interface DeadLetter {
  message: LogMessage;
  reason: string;
  code: string;
}

/** Where a dead-lettered message was read from. */
export interface DeadLetterOrigin {
  topic: string;
  partition: number;
  offset: number;
}

const MAX_REASON = 1000;

/**
 * The headers every `<topic>.dlq` message carries, whoever wrote it: why (`dlq-code`, `dlq-reason`) and where the
 * original was (`dlq-source-topic`, `-partition`, `-offset`), which also identifies it for a consumer de-duplicating.
 */
export const deadLetterHeaders = (origin: DeadLetterOrigin, code: string, reason: string, at: string): Headers => ({
  'dlq-reason': reason.slice(0, MAX_REASON),
  'dlq-code': code,
  'dlq-source-topic': origin.topic,
  'dlq-source-partition': String(origin.partition),
  'dlq-source-offset': String(origin.offset),
  'dlq-at': at,
});

/** Dead-letter records keep the original key and value; the reason and origin travel in headers. */
export const deadLetterRecords = (groupId: string, letters: DeadLetter[]): TopicRecords[] => {
  const byTopic = new Map<string, TopicRecords>();
  for (const { message, reason, code } of letters) {
    const topic = deadLetterTopic(message.topic);
    const records = byTopic.get(topic) ?? { topic, messages: [] };
    records.messages.push({
      key: message.key ?? '',
      value: message.value ?? Buffer.alloc(0),
      headers: {
        ...message.headers,
        ...deadLetterHeaders(message, code, reason, new Date().toISOString()),
        'dlq-consumer-group': groupId,
      },
    });
    byTopic.set(topic, records);
  }
  return [...byTopic.values()];
};
