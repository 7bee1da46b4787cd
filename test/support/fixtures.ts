import { randomUUID } from 'node:crypto';
import type { ComplaintClassified, ComplaintReceived, ResponseGiven } from '../../src/events/complaint';
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
