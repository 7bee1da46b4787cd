import { decide, evolve, initialState, type ComplaintCommand, type ComplaintState } from '../../../src/commands/complaint';
import type { ComplaintEvent, WorkflowStatus } from '../../../src/events/complaint';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../src/errors';
import {
  aComplaintAcknowledged,
  aComplaintAssigned,
  aComplaintNoteAdded,
  aComplaintReceived,
  aComplaintReopened,
  aComplaintResolved,
  aResponseGiven,
} from '../../support/fixtures';

const NOW = '2026-11-20T12:00:00.000Z';
const deps = { now: () => new Date(NOW), newId: () => '11111111-2222-4333-8444-555555555555' };

const given = (events: ComplaintEvent[]) => ({
  when: (command: ComplaintCommand) => {
    const state = events.reduce<ComplaintState>(evolve, initialState());
    const run = () => decide(command, state, deps);
    return {
      then: (check: (events: ComplaintEvent[]) => void) => check(run()),
      thenThrows: (error: new (...args: never[]) => Error, message?: RegExp) => {
        expect(run).toThrow(error);
        if (message) expect(run).toThrow(message);
      },
    };
  },
});

const received = aComplaintReceived();
const id = received.data.complaintId;

/** A complaint brought to each workflow status by the events an admin's steps leave. */
const history: Record<WorkflowStatus, ComplaintEvent[]> = {
  new: [received],
  acknowledged: [received, aComplaintAcknowledged(id)],
  in_progress: [received, aComplaintAssigned(id, 'asha')],
  responded: [received, aResponseGiven(id)],
  resolved: [received, aComplaintResolved(id)],
  reopened: [received, aComplaintResolved(id), aComplaintReopened(id)],
};

const commands: Record<string, ComplaintCommand> = {
  acknowledge: { type: 'AcknowledgeComplaint', data: { complaintId: id, by: 'asha' } },
  'assign (a supervisor, to meera)': { type: 'AssignComplaint', data: { complaintId: id, assignee: 'meera', by: 'ravi', byRole: 'supervisor' } },
  'add a note': { type: 'AddComplaintNote', data: { complaintId: id, text: 'Called the station master', by: 'asha' } },
  respond: { type: 'GiveResponse', data: { complaintId: id, response: 'Staff are on their way.', respondedBy: 'asha' } },
  resolve: { type: 'ResolveComplaint', data: { complaintId: id, by: 'asha' } },
  reopen: { type: 'ReopenComplaint', data: { complaintId: id, by: 'ravi' } },
};

/** The transition table of the README: the event decided, or a conflict. */
const table: [WorkflowStatus, Record<string, string>][] = [
  ['new', { acknowledge: 'ComplaintAcknowledged', 'assign (a supervisor, to meera)': 'ComplaintAssigned', 'add a note': 'ComplaintNoteAdded', respond: 'ResponseGiven', resolve: 'ComplaintResolved', reopen: 'conflict' }],
  ['acknowledged', { acknowledge: 'conflict', 'assign (a supervisor, to meera)': 'ComplaintAssigned', 'add a note': 'ComplaintNoteAdded', respond: 'ResponseGiven', resolve: 'ComplaintResolved', reopen: 'conflict' }],
  ['in_progress', { acknowledge: 'conflict', 'assign (a supervisor, to meera)': 'ComplaintAssigned', 'add a note': 'ComplaintNoteAdded', respond: 'ResponseGiven', resolve: 'ComplaintResolved', reopen: 'conflict' }],
  ['responded', { acknowledge: 'conflict', 'assign (a supervisor, to meera)': 'ComplaintAssigned', 'add a note': 'ComplaintNoteAdded', respond: 'ResponseGiven', resolve: 'ComplaintResolved', reopen: 'conflict' }],
  ['resolved', { acknowledge: 'conflict', 'assign (a supervisor, to meera)': 'conflict', 'add a note': 'ComplaintNoteAdded', respond: 'conflict', resolve: 'conflict', reopen: 'ComplaintReopened' }],
  ['reopened', { acknowledge: 'ComplaintAcknowledged', 'assign (a supervisor, to meera)': 'ComplaintAssigned', 'add a note': 'ComplaintNoteAdded', respond: 'ResponseGiven', resolve: 'ComplaintResolved', reopen: 'conflict' }],
];

describe('the workflow decider: every step from every status', () => {
  const cases = table.flatMap(([status, row]) => Object.entries(row).map(([step, outcome]) => [status, step, outcome] as const));

  it.each(cases)('given a %s complaint, when an admin tries to %s, then %s', (status, step, outcome) => {
    const when = given(history[status]).when(commands[step]);
    if (outcome === 'conflict') {
      when.thenThrows(ConflictError);
      return;
    }
    when.then((events) => {
      expect(events.map((e) => e.type)).toEqual([outcome]);
      expect(events[0].data.complaintId).toBe(id);
      expect(events[0].metadata.correlationId).toBe(id);
    });
  });

  it('folds each step into the status the read model shows', () => {
    const statusAfter = (events: ComplaintEvent[]) => events.reduce<ComplaintState>(evolve, initialState()).status;
    for (const [status, events] of Object.entries(history)) expect(statusAfter(events)).toBe(status);
    expect(statusAfter([received, aComplaintAcknowledged(id), aComplaintNoteAdded(id)])).toBe('acknowledged');
  });
});

describe('AcknowledgeComplaint', () => {
  it('decides ComplaintAcknowledged by the admin, timed now', () => {
    given([received])
      .when(commands.acknowledge)
      .then(([event]) => expect(event).toMatchObject({ type: 'ComplaintAcknowledged', data: { acknowledgedBy: 'asha', acknowledgedAt: NOW } }));
  });

  it('refuses an unknown complaint (404)', () => {
    given([]).when(commands.acknowledge).thenThrows(NotFoundError);
  });

  it('refuses the same acknowledgement twice (409), so no duplicate event', () => {
    given([received, aComplaintAcknowledged(id)]).when(commands.acknowledge).thenThrows(ConflictError, /acknowledged/);
  });
});

describe('AssignComplaint', () => {
  const assign = (assignee: string, by: string, byRole: 'responder' | 'supervisor'): ComplaintCommand => ({
    type: 'AssignComplaint',
    data: { complaintId: id, assignee, by, byRole },
  });

  it('lets a responder assign a complaint to themself', () => {
    given([received])
      .when(assign('asha', 'asha', 'responder'))
      .then(([event]) => expect(event).toMatchObject({ type: 'ComplaintAssigned', data: { assignee: 'asha', assignedBy: 'asha' } }));
  });

  it('refuses a responder assigning to someone else (403)', () => {
    given([received]).when(assign('meera', 'asha', 'responder')).thenThrows(ForbiddenError, /supervisor/);
  });

  it('lets a supervisor assign to anyone, and reassign', () => {
    given([received, aComplaintAssigned(id, 'asha')])
      .when(assign('meera', 'ravi', 'supervisor'))
      .then(([event]) => expect(event).toMatchObject({ type: 'ComplaintAssigned', data: { assignee: 'meera', assignedBy: 'ravi' } }));
  });

  it('refuses assigning to the admin who already has it (409)', () => {
    given([received, aComplaintAssigned(id, 'asha')]).when(assign('asha', 'asha', 'responder')).thenThrows(ConflictError, /already assigned/);
  });
});

describe('AddComplaintNote', () => {
  const note = (text: string, by = 'asha'): ComplaintCommand => ({ type: 'AddComplaintNote', data: { complaintId: id, text, by } });

  it('decides ComplaintNoteAdded with the cleaned text, in any status', () => {
    given(history.resolved)
      .when(note('  Passenger\u0007 called back  '))
      .then(([event]) => expect(event).toMatchObject({ type: 'ComplaintNoteAdded', data: { text: 'Passenger called back', addedBy: 'asha' } }));
  });

  it.each([
    ['empty', ' \u0000 '],
    ['longer than 2,000 characters', 'n'.repeat(2001)],
  ])('refuses a note that is %s (400)', (_, text) => {
    given([received]).when(note(text)).thenThrows(ValidationError);
  });

  it('refuses the same note by the same admin twice in a row (409); another admin may write it', () => {
    const noted = [received, aComplaintNoteAdded(id, 'Called the TTE', undefined, 'asha')];
    given(noted).when(note('Called the TTE')).thenThrows(ConflictError);
    given(noted).when(note('Called the TTE', 'meera')).then(([event]) => expect(event.type).toBe('ComplaintNoteAdded'));
  });
});

describe('ResolveComplaint and ReopenComplaint', () => {
  it('resolves an open complaint and refuses resolving it again (409)', () => {
    given(history.responded).when(commands.resolve).then(([event]) => expect(event).toMatchObject({ type: 'ComplaintResolved', data: { resolvedBy: 'asha' } }));
    given(history.resolved).when(commands.resolve).thenThrows(ConflictError, /already resolved/);
  });

  it('reopens only a resolved complaint, and a reopened one takes a response again', () => {
    given(history.resolved).when(commands.reopen).then(([event]) => expect(event).toMatchObject({ type: 'ComplaintReopened', data: { reopenedBy: 'ravi' } }));
    given(history.reopened).when(commands.reopen).thenThrows(ConflictError, /only a resolved/);
    given(history.reopened).when(commands.respond).then(([event]) => expect(event.type).toBe('ResponseGiven'));
  });

  it('refuses a response to a resolved complaint (409: reopen first)', () => {
    given(history.resolved).when(commands.respond).thenThrows(ConflictError, /reopen it first/);
  });
});

describe('step times', () => {
  it('times a step just after the latest one when the clock is behind it, so the latest by time is the latest decided', () => {
    const future = '2026-11-20T13:00:00.000Z';
    given([received, aComplaintAssigned(id, 'asha', future)])
      .when(commands.resolve)
      .then(([event]) => expect(event.metadata.occurredAt).toBe('2026-11-20T13:00:00.001Z'));
  });
});
