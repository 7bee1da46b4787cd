import type { ComplaintEvent } from '../events/complaint';
import type { EventCodec } from '../events/codec';
import { topicOf, type Topics } from '../events/topics';
import { UnavailableError } from '../errors';
import type { Appended, EventLog, OutgoingMessage, TopicRecords } from './event-log';

/** Typed events on the log: encoded with the codec, keyed by complaint id, each type on its topic. */
export class EventStore {
  constructor(
    readonly log: EventLog,
    readonly codec: EventCodec,
    readonly topics: Topics,
  ) {}

  toMessage(event: ComplaintEvent): OutgoingMessage {
    return {
      key: event.data.complaintId,
      value: this.codec.encode(event),
      headers: { 'event-type': event.type, 'event-id': event.metadata.eventId },
    };
  }

  toRecords(events: ComplaintEvent[]): TopicRecords[] {
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const event of events) {
      const topic = topicOf(this.topics, event.type);
      const messages = byTopic.get(topic) ?? [];
      messages.push(this.toMessage(event));
      byTopic.set(topic, messages);
    }
    return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
  }

  /** Resolves once every event is durable; a log that cannot take writes is reported as unavailable. */
  async append(events: ComplaintEvent[]): Promise<Appended[]> {
    const appended: Appended[] = [];
    try {
      for (const { topic, messages } of this.toRecords(events)) appended.push(...(await this.log.append(topic, messages)));
    } catch (error) {
      throw new UnavailableError(`the complaint could not be stored right now: ${(error as Error).message}`);
    }
    return appended;
  }
}
