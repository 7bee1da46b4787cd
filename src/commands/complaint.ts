import type {
  ComplaintAmended,
  ComplaintClassified,
  ComplaintEvent,
  ComplaintLocated,
  ComplaintReceived,
  ComplaintRelabeled,
  ComplaintSource,
  ResponseDelivered,
  ResponseDeliveryFailed,
  ResponseGiven,
} from '../events/complaint';
import { nameBasedUuid, type Clock, type NewId } from '../events/ids';
import { referenceFor } from '../events/reference';
import { CATEGORIES, type Classification } from '../classify/types';
import { NotFoundError, ValidationError } from '../errors';

export const MAX_COMPLAINT_LENGTH = 4000;
export const MAX_RESPONSE_LENGTH = 2000;

export type SubmitComplaint = {
  type: 'SubmitComplaint';
  data: {
    text: string;
    source: ComplaintSource;
    userId?: number | null;
    chatId?: number | null;
    username?: string | null;
    firstName?: string | null;
    lastName?: string | null;
    contact?: string | null;
    messageId?: number | null;
    photoFileId?: string | null;
    /** a caller-supplied id (e.g. derived from a Telegram update id) makes resubmission idempotent */
    complaintId?: string;
  };
};

export type AmendComplaint = {
  type: 'AmendComplaint';
  data: { complaintId: string; text: string };
};

export type LocateComplaint = {
  type: 'LocateComplaint';
  data: { complaintId: string; latitude: number; longitude: number };
};

export type ClassifyComplaint = {
  type: 'ClassifyComplaint';
  /** the event whose text was classified: ComplaintReceived or ComplaintAmended */
  data: { source: ComplaintReceived | ComplaintAmended; classification: Classification };
};

export type GiveResponse = {
  type: 'GiveResponse';
  data: { complaintId: string; response: string; respondedBy: string; chatId?: number | null };
};

export type RecordDelivery = {
  type: 'RecordDelivery';
  data:
    | { delivered: true; response: ResponseGiven; chatId: number; messageId: number | null }
    | { delivered: false; response: ResponseGiven; reason: string; errorCode: number | null };
};

export type RelabelComplaint = {
  type: 'RelabelComplaint';
  data: { complaintId: string; emergency: 0 | 1; category: string; relabeledBy: string };
};

export type ComplaintCommand =
  | SubmitComplaint
  | AmendComplaint
  | LocateComplaint
  | ClassifyComplaint
  | GiveResponse
  | RecordDelivery
  | RelabelComplaint;

/** What the decider knows of a complaint: whether it exists (looked up by the caller). */
export interface ComplaintState {
  exists: boolean;
}

export const initialState = (): ComplaintState => ({ exists: false });

export const evolve = (state: ComplaintState, event: ComplaintEvent): ComplaintState => {
  switch (event.type) {
    case 'ComplaintReceived':
      return { exists: true };
    case 'ComplaintAmended':
    case 'ComplaintLocated':
    case 'ComplaintClassified':
    case 'ResponseGiven':
    case 'ResponseDelivered':
    case 'ResponseDeliveryFailed':
    case 'ComplaintRelabeled':
      return state;
    default: {
      const unknown: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unknown)}`);
    }
  }
};

export interface DecideDeps {
  now: Clock;
  newId: NewId;
}

// Control characters except tab and newline: a complaint is shown as text and must not carry terminal/escape codes.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g;

export const sanitiseText = (text: string): string => text.replace(CONTROL_CHARACTERS, '').replace(/\r\n?/g, '\n').trim();

const lengthOf = (text: string): number => [...text].length;

const validComplaintText = (raw: string): string => {
  const text = sanitiseText(raw);
  if (text.length === 0) throw new ValidationError('the complaint text is empty');
  if (lengthOf(text) > MAX_COMPLAINT_LENGTH) {
    throw new ValidationError(`the complaint text must be at most ${MAX_COMPLAINT_LENGTH} characters`);
  }
  return text;
};

const optional = (value: string | null | undefined, max: number, field: string): string | null => {
  if (value === null || value === undefined) return null;
  const clean = sanitiseText(value);
  if (clean.length === 0) return null;
  if (lengthOf(clean) > max) throw new ValidationError(`${field} must be at most ${max} characters`);
  return clean;
};

/**
 * Why a complaint event that arrived on the log (older producers write there directly) cannot be used, or null.
 * Such events are dead-lettered by the classifier and left out of the read models.
 */
export const unusableComplaintReason = (event: ComplaintEvent): string | null => {
  if (event.type !== 'ComplaintReceived' && event.type !== 'ComplaintAmended') return null;
  if (lengthOf(event.data.text) > MAX_COMPLAINT_LENGTH) return `complaint text longer than ${MAX_COMPLAINT_LENGTH} characters`;
  if (sanitiseText(event.data.text).length === 0) return 'complaint text is empty';
  return null;
};

export const decideSubmitComplaint = ({ data }: SubmitComplaint, deps: DecideDeps): ComplaintReceived => {
  const text = validComplaintText(data.text);
  const complaintId = data.complaintId ?? deps.newId();
  const at = deps.now().toISOString();
  return {
    type: 'ComplaintReceived',
    data: {
      complaintId,
      reference: referenceFor(complaintId),
      text,
      source: data.source,
      userId: data.userId ?? null,
      chatId: data.chatId ?? null,
      username: optional(data.username, 100, 'username'),
      firstName: optional(data.firstName, 100, 'first name'),
      lastName: optional(data.lastName, 100, 'last name'),
      contact: optional(data.contact, 100, 'contact'),
      receivedAt: at,
      messageId: data.messageId ?? null,
      photoFileId: data.photoFileId ?? null,
    },
    metadata: {
      eventId: data.complaintId ? nameBasedUuid(`complaint-received:${complaintId}`) : deps.newId(),
      occurredAt: at,
      correlationId: complaintId,
      causationId: null,
    },
  };
};

export const decideAmendComplaint = ({ data }: AmendComplaint, state: ComplaintState, deps: DecideDeps): ComplaintAmended => {
  if (!state.exists) throw new NotFoundError(`complaint ${data.complaintId} not found`);
  const at = deps.now().toISOString();
  return {
    type: 'ComplaintAmended',
    data: { complaintId: data.complaintId, text: validComplaintText(data.text), amendedAt: at },
    metadata: { eventId: deps.newId(), occurredAt: at, correlationId: data.complaintId, causationId: null },
  };
};

export const decideLocateComplaint = ({ data }: LocateComplaint, state: ComplaintState, deps: DecideDeps): ComplaintLocated => {
  if (!state.exists) throw new NotFoundError(`complaint ${data.complaintId} not found`);
  const { latitude, longitude } = data;
  if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) throw new ValidationError('not a position on Earth');
  const at = deps.now().toISOString();
  return {
    type: 'ComplaintLocated',
    data: { complaintId: data.complaintId, latitude, longitude, locatedAt: at },
    metadata: { eventId: deps.newId(), occurredAt: at, correlationId: data.complaintId, causationId: null },
  };
};

export const decideClassifyComplaint = ({ data }: ClassifyComplaint, deps: DecideDeps): ComplaintClassified => {
  const { source: received, classification: c } = data;
  const at = deps.now().toISOString();
  return {
    type: 'ComplaintClassified',
    data: {
      complaintId: received.data.complaintId,
      prediction: c.emergency,
      category: c.category,
      priority: c.priority,
      confidence: c.confidence,
      modelVersion: c.modelVersion,
      keywords: c.keywords,
      language: c.language,
      pnr: c.pnr,
      train: c.train,
      coach: c.coach,
      berth: c.berth,
      classifiedAt: at,
      review: c.emergency === 0 && c.review,
    },
    metadata: {
      // One classification per text and model version: a repeat carries the same event id.
      eventId: nameBasedUuid(`complaint-classified:${received.metadata.eventId}:${c.modelVersion}`),
      occurredAt: at,
      correlationId: received.metadata.correlationId,
      causationId: received.metadata.eventId,
    },
  };
};

export const decideGiveResponse = ({ data }: GiveResponse, state: ComplaintState, deps: DecideDeps): ResponseGiven => {
  if (!state.exists) throw new NotFoundError(`complaint ${data.complaintId} not found`);
  const response = sanitiseText(data.response);
  if (response.length === 0) throw new ValidationError('the response is empty');
  if (lengthOf(response) > MAX_RESPONSE_LENGTH) {
    throw new ValidationError(`the response must be at most ${MAX_RESPONSE_LENGTH} characters`);
  }
  const at = deps.now().toISOString();
  const responseId = deps.newId();
  return {
    type: 'ResponseGiven',
    data: {
      complaintId: data.complaintId,
      responseId,
      response,
      respondedBy: data.respondedBy,
      respondedAt: at,
      chatId: data.chatId ?? null,
    },
    metadata: { eventId: responseId, occurredAt: at, correlationId: data.complaintId, causationId: null },
  };
};

export const decideRelabelComplaint = (
  { data }: RelabelComplaint,
  state: ComplaintState,
  deps: DecideDeps,
): ComplaintRelabeled => {
  if (!state.exists) throw new NotFoundError(`complaint ${data.complaintId} not found`);
  if (!(CATEGORIES as readonly string[]).includes(data.category)) throw new ValidationError(`unknown category ${data.category}`);
  const at = deps.now().toISOString();
  return {
    type: 'ComplaintRelabeled',
    data: { complaintId: data.complaintId, prediction: data.emergency, category: data.category, relabeledBy: data.relabeledBy, relabeledAt: at },
    metadata: { eventId: deps.newId(), occurredAt: at, correlationId: data.complaintId, causationId: null },
  };
};

export const decideRecordDelivery = (
  { data }: RecordDelivery,
  deps: DecideDeps,
): ResponseDelivered | ResponseDeliveryFailed => {
  const at = deps.now().toISOString();
  const { complaintId, responseId } = data.response.data;
  const metadata = {
    // One outcome per response: a repeat after a crash carries the same event id.
    eventId: nameBasedUuid(`response-delivery:${responseId}`),
    occurredAt: at,
    correlationId: data.response.metadata.correlationId,
    causationId: data.response.metadata.eventId,
  };
  if (data.delivered) {
    return {
      type: 'ResponseDelivered',
      data: { complaintId, responseId, chatId: data.chatId, messageId: data.messageId, deliveredAt: at },
      metadata,
    };
  }
  return {
    type: 'ResponseDeliveryFailed',
    data: {
      complaintId,
      responseId,
      chatId: data.response.data.chatId,
      reason: data.reason.slice(0, 500),
      errorCode: data.errorCode,
      failedAt: at,
    },
    metadata,
  };
};

export const decide = (command: ComplaintCommand, state: ComplaintState, deps: DecideDeps): ComplaintEvent[] => {
  switch (command.type) {
    case 'SubmitComplaint':
      return [decideSubmitComplaint(command, deps)];
    case 'AmendComplaint':
      return [decideAmendComplaint(command, state, deps)];
    case 'LocateComplaint':
      return [decideLocateComplaint(command, state, deps)];
    case 'ClassifyComplaint':
      return [decideClassifyComplaint(command, deps)];
    case 'GiveResponse':
      return [decideGiveResponse(command, state, deps)];
    case 'RecordDelivery':
      return [decideRecordDelivery(command, deps)];
    case 'RelabelComplaint':
      return [decideRelabelComplaint(command, state, deps)];
    default: {
      const unknown: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unknown)}`);
    }
  }
};
