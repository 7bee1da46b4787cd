import { z } from 'zod';
import type { ComplaintReceived } from './complaint';
import { nameBasedUuid } from './ids';
import { referenceFor } from './reference';

/** The JSON the original design's producers write to raw_tweets. */
export const legacyComplaintSchema = z.object({
  complaint_id: z.union([z.number().int(), z.string().regex(/^\d{1,19}$/)]),
  text: z.string(),
  user_id: z.number().int().nullish(),
  username: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  chat_id: z.number().int().nullish(),
  timestamp: z.string().nullish(),
});

export type LegacyComplaint = z.infer<typeof legacyComplaintSchema>;


const isoOrNow = (timestamp: string | null | undefined, now: Date): string => {
  if (timestamp) {
    const parsed = new Date(timestamp);
    if (!Number.isNaN(parsed.getTime())) return parsed.toISOString();
  }
  return now.toISOString();
};

/** Upcasts the original design's JSON shape to ComplaintReceived. */
export const upcastLegacyComplaint = (legacy: LegacyComplaint, now: Date = new Date()): ComplaintReceived => {
  const complaintId = String(legacy.complaint_id);
  const receivedAt = isoOrNow(legacy.timestamp, now);
  return {
    type: 'ComplaintReceived',
    data: {
      complaintId,
      reference: referenceFor(complaintId),
      text: legacy.text,
      source: 'legacy',
      userId: legacy.user_id ?? null,
      chatId: legacy.chat_id ?? null,
      username: legacy.username ?? null,
      firstName: legacy.first_name ?? null,
      lastName: legacy.last_name ?? null,
      contact: null,
      receivedAt,
      messageId: null,
      photoFileId: null,
    },
    metadata: {
      eventId: nameBasedUuid(`legacy-complaint:${complaintId}`),
      occurredAt: receivedAt,
      correlationId: complaintId,
      causationId: null,
    },
  };
};
