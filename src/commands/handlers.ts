import type { Classification } from '../classify/types';
import type { ComplaintAmended, ComplaintEvent, ComplaintReceived } from '../events/complaint';
import type { Clock, NewId } from '../events/ids';
import type { EventStore } from '../eventlog/event-store';
import { NotFoundError, ValidationError } from '../errors';
import { metrics } from '../metrics';
import type { RecentDecisions } from './recent-decisions';
import {
  decideAmendComplaint,
  decideClassifyComplaint,
  decideGiveResponse,
  decideLocateComplaint,
  decideRelabelComplaint,
  decideSubmitComplaint,
  decideWorkflow,
  evolve,
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
  /** what this process decided and the read model may not show yet */
  recent?: RecentDecisions;
}

/**
 * Finds the complaint, judges the command against its state (the read model's, or this process's newer decision)
 * and appends the event; one command per complaint at a time on this process.
 */
const decideOn = async <E extends ComplaintEvent>(
  deps: ResponseDeps,
  idOrReference: string,
  decideWith: (found: FoundComplaint | null, state: ComplaintState) => Promise<E> | E,
): Promise<E> => {
  const recent = deps.recent;
  if (!recent) {
    const found = await deps.findComplaint(idOrReference);
    const event = await decideWith(found, stateOf(found));
    await deps.events.append([event]);
    return event;
  }
  const first = await deps.findComplaint(idOrReference);
  const key = first?.complaintId ?? idOrReference;
  return recent.serial(key, async () => {
    const found = await deps.findComplaint(key);
    const state = recent.stateOf(key, stateOf(found));
    const event = await decideWith(found, state);
    await deps.events.append([event]);
    const next = evolve(state, event);
    // Only steps move lastAt, which is how the read model is seen to have caught up; a relabel needs no memory.
    if (next.lastAt !== state.lastAt) recent.remember(key, next);
    return event;
  });
};

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
  const event = await decideOn(deps, command.data.complaintId, (found, state) =>
    decideRelabelComplaint({ ...command, data: { ...command.data, complaintId: found?.complaintId ?? command.data.complaintId } }, state, deps),
  );
  return { complaintId: event.data.complaintId };
};

export const giveResponse = async (
  deps: ResponseDeps,
  command: GiveResponse,
): Promise<{ complaintId: string; responseId: string; respondedAt: string }> => {
  const event = await decideOn(deps, command.data.complaintId, (found, state) =>
    decideGiveResponse(
      { ...command, data: { ...command.data, complaintId: found?.complaintId ?? command.data.complaintId, chatId: found?.chatId ?? null } },
      state,
      deps,
    ),
  );
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
  let named = command;
  if (named.type === 'AssignComplaint') {
    const assignee = await deps.findAdmin(named.data.assignee);
    if (!assignee) throw new NotFoundError(`there is no admin ${named.data.assignee}`);
    if (assignee.disabled) throw new ValidationError(`admin ${assignee.username} is disabled`);
    named = { ...named, data: { ...named.data, assignee: assignee.username } };
  }
  const event = await decideOn(deps, command.data.complaintId, (found, state) =>
    decideWorkflow({ ...named, data: { ...named.data, complaintId: found?.complaintId ?? named.data.complaintId } } as WorkflowCommand, state, deps),
  );
  return { complaintId: event.data.complaintId, eventId: event.metadata.eventId, type: event.type, at: event.metadata.occurredAt };
};
