import type { ComplaintEventType } from './complaint';

export interface Topics {
  raw: string;
  classified: string;
  responses: string;
  /** prefixes topic and consumer group names, so that several deployments (or tests) can share one cluster */
  namespace: string;
}

export const defaultTopics = (rawTopic?: string, namespace = ''): Topics => ({
  raw: rawTopic ?? `${namespace}raw_tweets`,
  classified: `${namespace}classified_tweets`,
  responses: `${namespace}tweet_responses`,
  namespace,
});

/** A consumer group's name within the deployment's namespace. */
export const groupName = (topics: Topics, name: string): string => `${topics.namespace}${name}`;

export const topicOf = (topics: Topics, type: ComplaintEventType): string => {
  switch (type) {
    case 'ComplaintReceived':
    case 'ComplaintAmended':
    case 'ComplaintLocated':
      return topics.raw;
    case 'ComplaintClassified':
      return topics.classified;
    case 'ResponseGiven':
    case 'ResponseDelivered':
    case 'ResponseDeliveryFailed':
    case 'ComplaintRelabeled':
    case 'ComplaintAcknowledged':
    case 'ComplaintAssigned':
    case 'ComplaintNoteAdded':
    case 'ComplaintResolved':
    case 'ComplaintReopened':
      return topics.responses;
    default: {
      const unknown: never = type;
      throw new Error(`no topic for event type ${String(unknown)}`);
    }
  }
};

export const allTopics = (topics: Topics): string[] => [topics.raw, topics.classified, topics.responses];

export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/** Subjects follow the topic-record-name strategy. */
export const subjectFor = (topic: string, recordFullName: string): string => `${topic}-${recordFullName}`;
