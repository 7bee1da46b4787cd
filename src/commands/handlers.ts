import type { Classification } from '../classify/types';
import type { ComplaintAmended, ComplaintEvent, ComplaintReceived } from '../events/complaint';
import type { Clock, NewId } from '../events/ids';
import type { EventStore } from '../eventlog/event-store';
import { NotFoundError, ValidationError } from '../errors';
import { metrics } from '../metrics';
import {
  decideAmendComplaint,
  decideClassifyComplaint,
  decideGiveResponse,
  decideLocateComplaint,
  decideRelabelComplaint,
  decideSubmitComplaint,
  decideWorkflow,
  initialState,
  type ComplaintState,
  type WorkflowCommand,
  type AmendComplaint,
  type GiveResponse,
  type LocateComplaint,
  type RelabelComplaint,
  type SubmitComplaint,
} from './complaint';

export interface CommandDeps {
  events: EventStore;
  now: Clock;
  newId: NewId;
}

export interface SubmittedComplaint {
  complaintId: string;
  reference: string;
  receivedAt: string;
}

/** Validates, decides ComplaintReceived and returns only once it is durable. */
export const submitComplaint = async (deps: CommandDeps, command: SubmitComplaint): Promise<SubmittedComplaint> => {
  const event = decideSubmitComplaint(command, deps);
  await deps.events.append([event]);
  metrics.complaintsSubmitted.inc({ source: event.data.source });
  return { complaintId: event.data.complaintId, reference: event.data.reference, receivedAt: event.data.receivedAt };
};

/** Pure: the ComplaintClassified for a complaint's text; the classifier role appends it with its offset commit. */
export const classifyComplaint = (
  deps: { now: Clock; newId: NewId; classify: (text: string) => Classification },
  source: ComplaintReceived | ComplaintAmended,
): ComplaintEvent =>
  decideClassifyComplaint({ type: 'ClassifyComplaint', data: { source, classification: deps.classify(source.data.text) } }, deps);

export interface FoundComplaint {
  complaintId: string;
  chatId: number | null;
  /** where the complaint is in the admins' workflow, as the read model knows it */
  workflow: Omit<ComplaintState, 'exists'>;
}

export interface FoundAdmin {
  username: string;
  disabled: boolean;
}

export interface ResponseDeps extends CommandDeps {
  /** the complaint, if it exists, given an id or a reference */
  findComplaint: (idOrReference: string) => Promise<FoundComplaint | null>;
  /** an admin by name (any case), for assignments */
  findAdmin: (username: string) => Promise<FoundAdmin | null>;
}

const stateOf = (found: FoundComplaint | null): ComplaintState =>
  found ? { ...found.workflow, exists: true } : initialState();

/** Amendments and locations name a complaint the caller found (it exists). */
export const amendComplaint = async (deps: CommandDeps, command: AmendComplaint): Promise<void> => {
  await deps.events.append([decideAmendComplaint(command, { ...initialState(), exists: true }, deps)]);
};

export const locateComplaint = async (deps: CommandDeps, command: LocateComplaint): Promise<void> => {
  await deps.events.append([decideLocateComplaint(command, { ...initialState(), exists: true }, deps)]);
};

export const relabelComplaint = async (deps: ResponseDeps, command: RelabelComplaint): Promise<{ complaintId: string }> => {
  const found = await deps.findComplaint(command.data.complaintId);
  const event = decideRelabelComplaint(
    { ...command, data: { ...command.data, complaintId: found?.complaintId ?? command.data.complaintId } },
    stateOf(found),
    deps,
  );
  await deps.events.append([event]);
  return { complaintId: event.data.complaintId };
};

export const giveResponse = async (
  deps: ResponseDeps,
  command: GiveResponse,
): Promise<{ complaintId: string; responseId: string; respondedAt: string }> => {
  const found = await deps.findComplaint(command.data.complaintId);
  const event = decideGiveResponse(
    { ...command, data: { ...command.data, complaintId: found?.complaintId ?? command.data.complaintId, chatId: found?.chatId ?? null } },
    stateOf(found),
    deps,
  );
  await deps.events.append([event]);
  return { complaintId: event.data.complaintId, responseId: event.data.responseId, respondedAt: event.data.respondedAt };
};

/**
 * One step of the admins' workflow: the decider judges it against the complaint's state in the read model. An
 * assignee must be an existing, enabled admin; the event names them as stored.
 */
export const runWorkflow = async (
  deps: ResponseDeps,
  command: WorkflowCommand,
): Promise<{ complaintId: string; eventId: string; type: string; at: string }> => {
  const found = await deps.findComplaint(command.data.complaintId);
  let resolved: WorkflowCommand = { ...command, data: { ...command.data, complaintId: found?.complaintId ?? command.data.complaintId } } as WorkflowCommand;
  if (resolved.type === 'AssignComplaint') {
    const assignee = await deps.findAdmin(resolved.data.assignee);
    if (!assignee) throw new NotFoundError(`there is no admin ${resolved.data.assignee}`);
    if (assignee.disabled) throw new ValidationError(`admin ${assignee.username} is disabled`);
    resolved = { ...resolved, data: { ...resolved.data, assignee: assignee.username } };
  }
  const event = decideWorkflow(resolved, stateOf(found), deps);
  await deps.events.append([event]);
  return { complaintId: event.data.complaintId, eventId: event.metadata.eventId, type: event.type, at: event.metadata.occurredAt };
};
