import { randomUUID } from 'node:crypto';
import type {
  ComplaintAcknowledged,
  ComplaintAssigned,
  ComplaintClassified,
  ComplaintNoteAdded,
  ComplaintReceived,
  ComplaintReopened,
  ComplaintResolved,
  ResponseGiven,
} from '../../src/events/complaint';
import { referenceFor } from '../../src/events/reference';

/** Small event factories: each call gives a valid event, overridable field by field. */
export const aComplaintReceived = (data: Partial<ComplaintReceived['data']> = {}): ComplaintReceived => {
  const complaintId = data.complaintId ?? randomUUID();
  const receivedAt = data.receivedAt ?? '2026-11-20T10:00:00.000Z';
  return {
    type: 'ComplaintReceived',
    data: {
      complaintId,
      reference: referenceFor(complaintId),
      text: 'Train 12951 coach B3: AC not working, PNR 4512791357',
      source: 'telegram',
      userId: 6491883832,
      chatId: 6491883832,
      username: 'passenger_1',
      firstName: 'Asha',
      lastName: null,
      contact: null,
      receivedAt,
      messageId: 17,
      photoFileId: null,
      ...data,
    },
    metadata: { eventId: randomUUID(), occurredAt: receivedAt, correlationId: complaintId, causationId: null },
  };
};

export const aComplaintClassified = (
  complaintId: string,
  data: Partial<ComplaintClassified['data']> = {},
): ComplaintClassified => {
  const classifiedAt = data.classifiedAt ?? '2026-11-20T10:00:01.000Z';
  return {
    type: 'ComplaintClassified',
    data: {
      complaintId,
      prediction: 0,
      category: 'electrical',
      priority: 4,
      confidence: 0.9,
      modelVersion: 'rules-1',
      keywords: ['ac'],
      language: 'en',
      pnr: '4512791357',
      train: '12951',
      coach: 'B3',
      berth: null,
      classifiedAt,
      review: false,
      ...data,
    },
    metadata: { eventId: randomUUID(), occurredAt: classifiedAt, correlationId: complaintId, causationId: null },
  };
};

export const aResponseGiven = (complaintId: string, data: Partial<ResponseGiven['data']> = {}): ResponseGiven => {
  const respondedAt = data.respondedAt ?? '2026-11-20T10:05:00.000Z';
  const responseId = data.responseId ?? randomUUID();
  return {
    type: 'ResponseGiven',
    data: { complaintId, responseId, response: 'Staff are on their way.', respondedBy: 'admin', respondedAt, chatId: 6491883832, ...data },
    metadata: { eventId: responseId, occurredAt: respondedAt, correlationId: complaintId, causationId: null },
  };
};

const workflowMetadata = (complaintId: string, at: string) => ({ eventId: randomUUID(), occurredAt: at, correlationId: complaintId, causationId: null });

export const aComplaintAcknowledged = (complaintId: string, at = '2026-11-20T10:02:00.000Z', by = 'asha'): ComplaintAcknowledged => ({
  type: 'ComplaintAcknowledged',
  data: { complaintId, acknowledgedBy: by, acknowledgedAt: at },
  metadata: workflowMetadata(complaintId, at),
});

export const aComplaintAssigned = (complaintId: string, assignee = 'asha', at = '2026-11-20T10:03:00.000Z', by = 'ravi'): ComplaintAssigned => ({
  type: 'ComplaintAssigned',
  data: { complaintId, assignee, assignedBy: by, assignedAt: at },
  metadata: workflowMetadata(complaintId, at),
});

export const aComplaintNoteAdded = (complaintId: string, text = 'Called the TTE of coach B3', at = '2026-11-20T10:04:00.000Z', by = 'asha'): ComplaintNoteAdded => {
  const metadata = workflowMetadata(complaintId, at);
  return { type: 'ComplaintNoteAdded', data: { complaintId, noteId: metadata.eventId, text, addedBy: by, addedAt: at }, metadata };
};

export const aComplaintResolved = (complaintId: string, at = '2026-11-20T10:06:00.000Z', by = 'asha'): ComplaintResolved => ({
  type: 'ComplaintResolved',
  data: { complaintId, resolvedBy: by, resolvedAt: at },
  metadata: workflowMetadata(complaintId, at),
});

export const aComplaintReopened = (complaintId: string, at = '2026-11-20T10:07:00.000Z', by = 'ravi'): ComplaintReopened => ({
  type: 'ComplaintReopened',
  data: { complaintId, reopenedBy: by, reopenedAt: at },
  metadata: workflowMetadata(complaintId, at),
});
