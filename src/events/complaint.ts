import type { Event } from './event';

export type ComplaintSource = 'telegram' | 'web' | 'cli' | 'legacy';

export type ComplaintReceived = Event<
  'ComplaintReceived',
  {
    complaintId: string;
    reference: string;
    text: string;
    source: ComplaintSource;
    userId: number | null;
    chatId: number | null;
    username: string | null;
    firstName: string | null;
    lastName: string | null;
    contact: string | null;
    receivedAt: string;
  }
>;

export type ComplaintClassified = Event<
  'ComplaintClassified',
  {
    complaintId: string;
    /** 1 = Emergency, 0 = Feedback */
    prediction: 0 | 1;
    category: string;
    priority: number;
    confidence: number;
    modelVersion: string;
    keywords: string[];
    language: string;
    pnr: string | null;
    train: string | null;
    coach: string | null;
    berth: string | null;
    classifiedAt: string;
  }
>;

export type ResponseGiven = Event<
  'ResponseGiven',
  {
    complaintId: string;
    responseId: string;
    response: string;
    respondedBy: string;
    respondedAt: string;
  }
>;

export type ComplaintEvent = ComplaintReceived | ComplaintClassified | ResponseGiven;

export type ComplaintEventType = ComplaintEvent['type'];

export const COMPLAINT_EVENT_TYPES: readonly ComplaintEventType[] = [
  'ComplaintReceived',
  'ComplaintClassified',
  'ResponseGiven',
];
