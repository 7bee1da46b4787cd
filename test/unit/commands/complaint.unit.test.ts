import {
  decide,
  evolve,
  initialState,
  sanitiseText,
  type ComplaintCommand,
  type ComplaintState,
} from '../../../src/commands/complaint';
import type { ComplaintEvent } from '../../../src/events/complaint';
import { NotFoundError, ValidationError } from '../../../src/errors';
import { REFERENCE_PATTERN } from '../../../src/events/reference';
import { aComplaintReceived } from '../../support/fixtures';

const deps = { now: () => new Date('2026-11-20T10:00:00.000Z'), newId: () => '11111111-2222-4333-8444-555555555555' };

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

describe('SubmitComplaint', () => {
  const submit = (text: string, extra: object = {}): ComplaintCommand => ({
    type: 'SubmitComplaint',
    data: { text, source: 'web', ...extra },
  });

  it('decides ComplaintReceived with an id, a reference and the cleaned text', () => {
    given([])
      .when(submit('  Train 12951 B3\u0007 fan broken  '))
      .then(([event]) => {
        expect(event.type).toBe('ComplaintReceived');
        if (event.type !== 'ComplaintReceived') return;
        expect(event.data.complaintId).toBe(deps.newId());
        expect(event.data.text).toBe('Train 12951 B3 fan broken');
        expect(event.data.reference).toMatch(REFERENCE_PATTERN);
        expect(event.data.receivedAt).toBe('2026-11-20T10:00:00.000Z');
        expect(event.metadata.correlationId).toBe(event.data.complaintId);
      });
  });

  it.each([
    ['empty', ''],
    ['only spaces and control characters', ' \u0000\u0001 \t '],
    ['longer than 4,000 characters', 'a'.repeat(4001)],
  ])('rejects a text that is %s', (_, text) => {
    given([]).when(submit(text)).thenThrows(ValidationError);
  });

  it('accepts exactly 4,000 characters, counted as characters not bytes', () => {
    given([])
      .when(submit('ट'.repeat(4000)))
      .then(([event]) => expect(event.data.complaintId).toBeDefined());
  });

  it('makes a caller-supplied complaint id idempotent: same id, same event id', () => {
    const first = decide(submit('fan broken', { complaintId: 'tg-1-42' }), initialState(), deps)[0];
    const second = decide(submit('fan broken', { complaintId: 'tg-1-42' }), initialState(), { ...deps, newId: () => 'other' })[0];
    expect(second.metadata.eventId).toBe(first.metadata.eventId);
    expect(second.data.complaintId).toBe('tg-1-42');
  });
});

describe('GiveResponse', () => {
  const respond = (complaintId: string, response: string): ComplaintCommand => ({
    type: 'GiveResponse',
    data: { complaintId, response, respondedBy: 'admin' },
  });

  it('decides ResponseGiven for an existing complaint', () => {
    const received = aComplaintReceived();
    given([received])
      .when(respond(received.data.complaintId, ' RPF staff are on the way '))
      .then(([event]) => {
        expect(event).toMatchObject({
          type: 'ResponseGiven',
          data: { complaintId: received.data.complaintId, response: 'RPF staff are on the way', respondedBy: 'admin' },
        });
      });
  });

  it('refuses a complaint that does not exist', () => {
    given([]).when(respond('nope', 'hello')).thenThrows(NotFoundError);
  });

  it.each([
    ['empty', '   '],
    ['longer than 2,000 characters', 'x'.repeat(2001)],
  ])('refuses a response that is %s', (_, response) => {
    const received = aComplaintReceived();
    given([received]).when(respond(received.data.complaintId, response)).thenThrows(ValidationError);
  });
});

describe('ClassifyComplaint', () => {
  it('carries the model version and uses one event id per complaint and model version', () => {
    const received = aComplaintReceived();
    const classification = {
      emergency: 1 as const, category: 'security' as const, priority: 1, confidence: 0.9, modelVersion: 'rules-1',
      keywords: ['theft'], language: 'en' as const, pnr: null, train: null, coach: null, berth: null, review: false,
    };
    const command: ComplaintCommand = { type: 'ClassifyComplaint', data: { source: received, classification } };
    const [a] = decide(command, initialState(), deps);
    const [b] = decide(command, initialState(), { ...deps, now: () => new Date('2026-11-21T00:00:00Z') });
    expect(a.metadata.eventId).toBe(b.metadata.eventId);
    expect(a.metadata.causationId).toBe(received.metadata.eventId);
    const [other] = decide({ ...command, data: { source: received, classification: { ...classification, modelVersion: 'lr-2' } } }, initialState(), deps);
    expect(other.metadata.eventId).not.toBe(a.metadata.eventId);
  });
});

describe('sanitiseText', () => {
  it.each([
    ['a\u0000b\u001bc', 'abc'],
    ['line one\r\nline two', 'line one\nline two'],
    ['bidi\u202Eoverride', 'bidioverride'],
    ['  ट्रेन में आग  ', 'ट्रेन में आग'],
  ])('%j -> %j', (input, expected) => {
    expect(sanitiseText(input)).toBe(expected);
  });
});
