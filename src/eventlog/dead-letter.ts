import { deadLetterTopic } from '../events/topics';
import type { LogMessage, TopicRecords } from './event-log';

export interface DeadLetter {
  message: LogMessage;
  reason: string;
  code: string;
}

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
        'dlq-reason': reason.slice(0, 1000),
        'dlq-code': code,
        'dlq-source-topic': message.topic,
        'dlq-source-partition': String(message.partition),
        'dlq-source-offset': String(message.offset),
        'dlq-consumer-group': groupId,
        'dlq-at': new Date().toISOString(),
      },
    });
    byTopic.set(topic, records);
  }
  return [...byTopic.values()];
};
