import { HISTORY_TEXT_LIMIT, historyEntryOf, orderHistory, type HistoryEntry } from '../../../src/projections/history-entry';
import {
  aComplaintAcknowledged,
  aComplaintAssigned,
  aComplaintClassified,
  aComplaintNoteAdded,
  aComplaintReceived,
  aComplaintReopened,
  aComplaintResolved,
  aResponseGiven,
} from '../../support/fixtures';

describe('complaint history: an entry per event', () => {
  const received = aComplaintReceived({ text: 'Fire in coach S7', receivedAt: '2026-11-20T10:00:00Z' });
  const id = received.data.complaintId;

  it('keeps every text the intake takes whole, and cuts a huge one from an older producer to a storable length', () => {
    const whole = 'मदद '.repeat(1000);
    expect(historyEntryOf(aComplaintReceived({ text: whole })).changes).toMatchObject({ text: whole });
    expect(historyEntryOf(aComplaintReceived({ text: whole })).changes).not.toHaveProperty('text_length');
    const huge = `${'😀'.repeat(HISTORY_TEXT_LIMIT)}${'x'.repeat(1_000_000)}`;
    const { changes } = historyEntryOf(aComplaintReceived({ text: huge }));
    expect(changes.text).toBe(`${'😀'.repeat(HISTORY_TEXT_LIMIT)}…`);
    expect(changes.text_length).toBe(HISTORY_TEXT_LIMIT + 1_000_000);
    const note = historyEntryOf(aComplaintNoteAdded(id, 'x'.repeat(HISTORY_TEXT_LIMIT + 1))).changes;
    expect(note).toMatchObject({ note: `${'x'.repeat(HISTORY_TEXT_LIMIT)}…`, note_length: HISTORY_TEXT_LIMIT + 1 });
  });

  it('says who did what, at the time of the event', () => {
    expect(historyEntryOf(received)).toEqual({
      eventId: received.metadata.eventId,
      complaintId: id,
      type: 'ComplaintReceived',
      at: '2026-11-20T10:00:00.000Z',
      by: 'passenger',
      changes: { reference: received.data.reference, source: 'telegram', text: 'Fire in coach S7', status: 'new' },
    });
    expect(historyEntryOf(aComplaintClassified(id, { prediction: 0, review: true, category: 'electrical' }))).toMatchObject({
      by: 'classifier',
      changes: { prediction: 0, category: 'electrical', triage: 'review', model_version: 'rules-1' },
    });
    expect(historyEntryOf(aComplaintAssigned(id, 'asha', '2026-11-20T10:03:00.000Z', 'ravi'))).toMatchObject({
      type: 'ComplaintAssigned',
      by: 'ravi',
      at: '2026-11-20T10:03:00.000Z',
      changes: { assigned_to: 'asha', status: 'in_progress' },
    });
    expect(historyEntryOf(aComplaintNoteAdded(id, '<img src=x onerror=alert(1)>')).changes).toEqual({ note: '<img src=x onerror=alert(1)>' });
    expect(historyEntryOf(aResponseGiven(id, { response: 'On the way', respondedBy: 'meera' }))).toMatchObject({
      by: 'meera',
      changes: { response: 'On the way', status: 'responded' },
    });
    expect(historyEntryOf(aComplaintAcknowledged(id)).changes).toEqual({ status: 'acknowledged' });
    expect(historyEntryOf(aComplaintResolved(id)).changes).toEqual({ status: 'resolved' });
    expect(historyEntryOf(aComplaintReopened(id)).changes).toEqual({ status: 'reopened' });
  });

  it('gives the same entry for the same event, every time', () => {
    const note = aComplaintNoteAdded(id);
    expect(historyEntryOf(note)).toEqual(historyEntryOf(structuredClone(note)));
  });
});

describe('complaint history: order', () => {
  const at = (type: HistoryEntry['type'], time: string, eventId: string) => ({ type, at: time, eventId });

  it("orders by time, then by a complaint's life within one instant, then by event id, whatever the input order", () => {
    const entries = [
      at('ComplaintResolved', '2026-11-20T10:06:00.000Z', 'e'),
      at('ComplaintClassified', '2026-11-20T10:00:00.000Z', 'a'),
      at('ComplaintNoteAdded', '2026-11-20T10:04:00.000Z', 'z'),
      at('ComplaintReceived', '2026-11-20T10:00:00.000Z', 'b'),
      at('ComplaintNoteAdded', '2026-11-20T10:04:00.000Z', 'c'),
    ];
    const expected = [['ComplaintReceived', 'b'], ['ComplaintClassified', 'a'], ['ComplaintNoteAdded', 'c'], ['ComplaintNoteAdded', 'z'], ['ComplaintResolved', 'e']];
    expect(orderHistory(entries).map((e) => [e.type, e.eventId])).toEqual(expected);
    expect(orderHistory([...entries].reverse()).map((e) => [e.type, e.eventId])).toEqual(expected);
  });
});
