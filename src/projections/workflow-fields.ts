/**
 * The admins' workflow on a complaint, as its `tweets` row stores it and the API shows it: declared here once for
 * both (TweetRow, and TweetJson in socket-events.ts, which the dashboard compiles too: so this file imports nothing).
 * The row also keeps columns the API does not show (who assigned it, the workflow status' own time).
 */
export interface WorkflowFields {
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  assigned_to: string | null;
  assigned_at: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  reopened_at: string | null;
  reopened_by: string | null;
  /** internal notes (never sent to the passenger): how many, and the latest */
  notes_count: number;
  last_note: string | null;
  last_note_by: string | null;
  last_note_at: string | null;
}
