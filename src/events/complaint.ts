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
    /** the passenger's Telegram message id, to reply to */
    messageId: number | null;
    photoFileId: string | null;
  }
>;

export type ComplaintAmended = Event<'ComplaintAmended', { complaintId: string; text: string; amendedAt: string }>;

export type ComplaintLocated = Event<
  'ComplaintLocated',
  { complaintId: string; latitude: number; longitude: number; locatedAt: string }
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
    /** not an Emergency, but a person should look; false in events written before the review lane */
    review: boolean;
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
    chatId: number | null;
  }
>;

export type ResponseDelivered = Event<
  'ResponseDelivered',
  { complaintId: string; responseId: string; chatId: number; messageId: number | null; deliveredAt: string }
>;

export type ResponseDeliveryFailed = Event<
  'ResponseDeliveryFailed',
  {
    complaintId: string;
    responseId: string;
    chatId: number | null;
    reason: string;
    errorCode: number | null;
    failedAt: string;
  }
>;

export type ComplaintRelabeled = Event<
  'ComplaintRelabeled',
  { complaintId: string; prediction: 0 | 1; category: string; relabeledBy: string; relabeledAt: string }
>;

export type ComplaintAcknowledged = Event<
  'ComplaintAcknowledged',
  { complaintId: string; acknowledgedBy: string; acknowledgedAt: string }
>;

export type ComplaintAssigned = Event<
  'ComplaintAssigned',
  { complaintId: string; assignee: string; assignedBy: string; assignedAt: string }
>;

/** Internal: shown to admins, never sent to the passenger. */
export type ComplaintNoteAdded = Event<
  'ComplaintNoteAdded',
  { complaintId: string; noteId: string; text: string; addedBy: string; addedAt: string }
>;

export type ComplaintResolved = Event<'ComplaintResolved', { complaintId: string; resolvedBy: string; resolvedAt: string }>;

export type ComplaintReopened = Event<'ComplaintReopened', { complaintId: string; reopenedBy: string; reopenedAt: string }>;

/** The admins' workflow on a complaint, on tweet_responses (ordered per complaint with ResponseGiven). */
export type ComplaintWorkflowEvent =
  | ComplaintAcknowledged
  | ComplaintAssigned
  | ComplaintNoteAdded
  | ComplaintResolved
  | ComplaintReopened;

export type ComplaintEvent =
  | ComplaintReceived
  | ComplaintAmended
  | ComplaintLocated
  | ComplaintClassified
  | ResponseGiven
  | ResponseDelivered
  | ResponseDeliveryFailed
  | ComplaintRelabeled
  | ComplaintWorkflowEvent;

/** A complaint's place in the admins' workflow (`incomplete` in the read model until its ComplaintReceived arrives). */
export const WORKFLOW_STATUSES = ['new', 'acknowledged', 'in_progress', 'responded', 'resolved', 'reopened'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

/** What an admin's queue does with a complaint: emergency when prediction is 1, else review when flagged, else routine. */
export type Triage = 'emergency' | 'review' | 'routine';

export const triageOf = (prediction: number | null, review: boolean | number | null): Triage =>
  prediction === 1 ? 'emergency' : review ? 'review' : 'routine';

export type ComplaintEventType = ComplaintEvent['type'];

export const COMPLAINT_EVENT_TYPES: readonly ComplaintEventType[] = [
  'ComplaintReceived',
  'ComplaintAmended',
  'ComplaintLocated',
  'ComplaintClassified',
  'ResponseGiven',
  'ResponseDelivered',
  'ResponseDeliveryFailed',
  'ComplaintRelabeled',
  'ComplaintAcknowledged',
  'ComplaintAssigned',
  'ComplaintNoteAdded',
  'ComplaintResolved',
  'ComplaintReopened',
];
