import type {
  ComplaintAcknowledged,
  ComplaintAssigned,
  ComplaintNoteAdded,
  ComplaintReopened,
  ComplaintResolved,
  WorkflowStatus,
  ComplaintAmended,
  ComplaintClassified,
  ComplaintEvent,
  ComplaintLocated,
  ComplaintReceived,
  ComplaintRelabeled,
  ComplaintSource,
  ComplaintWorkflowEvent,
  ResponseDelivered,
  ResponseDeliveryFailed,
  ResponseGiven,
} from '../events/complaint';
import { nameBasedUuid, type Clock, type NewId } from '../events/ids';
import { referenceFor } from '../events/reference';
import { CATEGORIES, type Classification } from '../classify/types';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { AdminRole } from './roles';

export const MAX_COMPLAINT_LENGTH = 4000;
export const MAX_RESPONSE_LENGTH = 2000;
export const MAX_NOTE_LENGTH = 2000;

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

export type AcknowledgeComplaint = { type: 'AcknowledgeComplaint'; data: { complaintId: string; by: string } };

export type AssignComplaint = {
  type: 'AssignComplaint';
  /** `assignee` is an existing, enabled admin's stored name (the handler checks); `byRole` is the assigning admin's */
  data: { complaintId: string; assignee: string; by: string; byRole: AdminRole };
};

export type AddComplaintNote = { type: 'AddComplaintNote'; data: { complaintId: string; text: string; by: string } };

export type ResolveComplaint = { type: 'ResolveComplaint'; data: { complaintId: string; by: string } };

export type ReopenComplaint = { type: 'ReopenComplaint'; data: { complaintId: string; by: string } };

export type WorkflowCommand = AcknowledgeComplaint | AssignComplaint | AddComplaintNote | ResolveComplaint | ReopenComplaint;

export type ComplaintCommand =
  | SubmitComplaint
  | AmendComplaint
  | LocateComplaint
  | ClassifyComplaint
  | GiveResponse
  | RecordDelivery
  | RelabelComplaint
  | WorkflowCommand;

/**
 * What the decider knows of a complaint (looked up by the caller): whether it exists, and where it is in the admins'
 * workflow.
 */
export interface ComplaintState {
  exists: boolean;
  status: WorkflowStatus;
  assignedTo: string | null;
  /** the latest note, so that the same note sent twice is refused instead of added twice */
  lastNote: { text: string; by: string } | null;
  /**
   * the time of the latest workflow event or response: a new one is decided strictly after it, so the read model's
   * "latest wins" by time is the order in which they were decided
   */
  lastAt: string | null;
}

export const initialState = (): ComplaintState => ({ exists: false, status: 'new', assignedTo: null, lastNote: null, lastAt: null });

const later = (state: ComplaintState, status: WorkflowStatus, at: string): ComplaintState => ({
  ...state,
  status,
  lastAt: state.lastAt !== null && state.lastAt > at ? state.lastAt : at,
});

export const evolve = (state: ComplaintState, event: ComplaintEvent): ComplaintState => {
  switch (event.type) {
    case 'ComplaintReceived':
      return { ...state, exists: true };
    case 'ComplaintAmended':
    case 'ComplaintLocated':
    case 'ComplaintClassified':
    case 'ResponseDelivered':
    case 'ResponseDeliveryFailed':
    case 'ComplaintRelabeled':
      return state;
    case 'ResponseGiven':
      return later(state, 'responded', event.data.respondedAt);
    case 'ComplaintAcknowledged':
      return later(state, 'acknowledged', event.data.acknowledgedAt);
    case 'ComplaintAssigned':
      return { ...later(state, 'in_progress', event.data.assignedAt), assignedTo: event.data.assignee };
    case 'ComplaintNoteAdded':
      return { ...later(state, state.status, event.data.addedAt), lastNote: { text: event.data.text, by: event.data.addedBy } };
    case 'ComplaintResolved':
      return later(state, 'resolved', event.data.resolvedAt);
    case 'ComplaintReopened':
      return later(state, 'reopened', event.data.reopenedAt);
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
  if (state.status === 'resolved') throw new ConflictError(`complaint ${data.complaintId} is resolved: reopen it first`);
  const at = nextTime(state, deps);
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

/** Now, or just after the complaint's latest workflow event if the clock says otherwise (ordered by time in the read model). */
const nextTime = (state: ComplaintState, deps: DecideDeps): string => {
  const now = deps.now();
  if (state.lastAt === null) return now.toISOString();
  const after = new Date(Date.parse(state.lastAt) + 1);
  return (now > after ? now : after).toISOString();
};

const OPEN: readonly WorkflowStatus[] = ['new', 'acknowledged', 'in_progress', 'responded', 'reopened'];

const workflowMetadata = (complaintId: string, eventId: string, at: string) => ({
  eventId,
  occurredAt: at,
  correlationId: complaintId,
  causationId: null,
});

const requireExisting = (state: ComplaintState, complaintId: string): void => {
  if (!state.exists) throw new NotFoundError(`complaint ${complaintId} not found`);
};

export const decideAcknowledgeComplaint = (
  { data }: AcknowledgeComplaint,
  state: ComplaintState,
  deps: DecideDeps,
): ComplaintAcknowledged => {
  requireExisting(state, data.complaintId);
  if (state.status !== 'new' && state.status !== 'reopened') {
    throw new ConflictError(`complaint ${data.complaintId} is ${state.status}: only a new or reopened complaint can be acknowledged`);
  }
  const at = nextTime(state, deps);
  return {
    type: 'ComplaintAcknowledged',
    data: { complaintId: data.complaintId, acknowledgedBy: data.by, acknowledgedAt: at },
    metadata: workflowMetadata(data.complaintId, deps.newId(), at),
  };
};

export const decideAssignComplaint = ({ data }: AssignComplaint, state: ComplaintState, deps: DecideDeps): ComplaintAssigned => {
  requireExisting(state, data.complaintId);
  if (data.byRole !== 'supervisor' && data.assignee !== data.by) {
    throw new ForbiddenError('forbidden', 'only a supervisor assigns a complaint to someone else');
  }
  if (!OPEN.includes(state.status)) throw new ConflictError(`complaint ${data.complaintId} is ${state.status}: reopen it first`);
  if (state.assignedTo === data.assignee) throw new ConflictError(`complaint ${data.complaintId} is already assigned to ${data.assignee}`);
  const at = nextTime(state, deps);
  return {
    type: 'ComplaintAssigned',
    data: { complaintId: data.complaintId, assignee: data.assignee, assignedBy: data.by, assignedAt: at },
    metadata: workflowMetadata(data.complaintId, deps.newId(), at),
  };
};

export const decideAddComplaintNote = ({ data }: AddComplaintNote, state: ComplaintState, deps: DecideDeps): ComplaintNoteAdded => {
  requireExisting(state, data.complaintId);
  const text = sanitiseText(data.text);
  if (text.length === 0) throw new ValidationError('the note is empty');
  if (lengthOf(text) > MAX_NOTE_LENGTH) throw new ValidationError(`the note must be at most ${MAX_NOTE_LENGTH} characters`);
  if (state.lastNote !== null && state.lastNote.text === text && state.lastNote.by === data.by) {
    throw new ConflictError('this note is already the latest on the complaint');
  }
  const at = nextTime(state, deps);
  const noteId = deps.newId();
  return {
    type: 'ComplaintNoteAdded',
    data: { complaintId: data.complaintId, noteId, text, addedBy: data.by, addedAt: at },
    metadata: workflowMetadata(data.complaintId, noteId, at),
  };
};

export const decideResolveComplaint = ({ data }: ResolveComplaint, state: ComplaintState, deps: DecideDeps): ComplaintResolved => {
  requireExisting(state, data.complaintId);
  if (!OPEN.includes(state.status)) throw new ConflictError(`complaint ${data.complaintId} is already ${state.status}`);
  const at = nextTime(state, deps);
  return {
    type: 'ComplaintResolved',
    data: { complaintId: data.complaintId, resolvedBy: data.by, resolvedAt: at },
    metadata: workflowMetadata(data.complaintId, deps.newId(), at),
  };
};

export const decideReopenComplaint = ({ data }: ReopenComplaint, state: ComplaintState, deps: DecideDeps): ComplaintReopened => {
  requireExisting(state, data.complaintId);
  if (state.status !== 'resolved') {
    throw new ConflictError(`complaint ${data.complaintId} is ${state.status}: only a resolved complaint can be reopened`);
  }
  const at = nextTime(state, deps);
  return {
    type: 'ComplaintReopened',
    data: { complaintId: data.complaintId, reopenedBy: data.by, reopenedAt: at },
    metadata: workflowMetadata(data.complaintId, deps.newId(), at),
  };
};

export const decideWorkflow = (command: WorkflowCommand, state: ComplaintState, deps: DecideDeps): ComplaintWorkflowEvent => {
  switch (command.type) {
    case 'AcknowledgeComplaint':
      return decideAcknowledgeComplaint(command, state, deps);
    case 'AssignComplaint':
      return decideAssignComplaint(command, state, deps);
    case 'AddComplaintNote':
      return decideAddComplaintNote(command, state, deps);
    case 'ResolveComplaint':
      return decideResolveComplaint(command, state, deps);
    case 'ReopenComplaint':
      return decideReopenComplaint(command, state, deps);
    default: {
      const unknown: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unknown)}`);
    }
  }
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
    case 'AcknowledgeComplaint':
    case 'AssignComplaint':
    case 'AddComplaintNote':
    case 'ResolveComplaint':
    case 'ReopenComplaint':
      return [decideWorkflow(command, state, deps)];
    default: {
      const unknown: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unknown)}`);
    }
  }
};
