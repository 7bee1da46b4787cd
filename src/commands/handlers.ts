import type { Classification } from '../classify/types';
import type { ComplaintEvent, ComplaintReceived } from '../events/complaint';
import type { Clock, NewId } from '../events/ids';
import type { EventStore } from '../eventlog/event-store';
import {
  decideClassifyComplaint,
  decideGiveResponse,
  decideSubmitComplaint,
  type GiveResponse,
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
  return { complaintId: event.data.complaintId, reference: event.data.reference, receivedAt: event.data.receivedAt };
};

/** Pure: the ComplaintClassified for a received complaint; the classifier role appends it with its offset commit. */
export const classifyComplaint = (
  deps: { now: Clock; newId: NewId; classify: (text: string) => Classification },
  received: ComplaintReceived,
): ComplaintEvent =>
  decideClassifyComplaint({ type: 'ClassifyComplaint', data: { received, classification: deps.classify(received.data.text) } }, deps);

export interface ResponseDeps extends CommandDeps {
  /** the id of the complaint, if it exists, given an id or a reference */
  findComplaint: (idOrReference: string) => Promise<string | null>;
}

export const giveResponse = async (
  deps: ResponseDeps,
  command: GiveResponse,
): Promise<{ complaintId: string; responseId: string; respondedAt: string }> => {
  const complaintId = await deps.findComplaint(command.data.complaintId);
  const event = decideGiveResponse(
    { ...command, data: { ...command.data, complaintId: complaintId ?? command.data.complaintId } },
    { exists: complaintId !== null },
    deps,
  );
  await deps.events.append([event]);
  return { complaintId: event.data.complaintId, responseId: event.data.responseId, respondedAt: event.data.respondedAt };
};
