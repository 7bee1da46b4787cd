/**
 * The read API's contract as zod schemas: the routes parse requests with these, and the OpenAPI document
 * (`openapi.ts`) is generated from the very same objects, so the document cannot drift from what is validated.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CATEGORIES } from '../classify/types';
import { MAX_COMPLAINT_LENGTH, MAX_NOTE_LENGTH, MAX_RESPONSE_LENGTH } from '../commands/complaint';
import { ADMIN_ROLES } from '../commands/roles';
import { ANALYTICS_RANGES } from '../projections/analytics';
import { TWEET_FILTERS, TWEET_SORTS } from '../projections/tweets';

extendZodWithOpenApi(z);

/**
 * Text that still says something once control characters and surrounding whitespace are removed (what the commands
 * store): at least one character that is neither whitespace nor a control or direction mark.
 */
// eslint-disable-next-line no-control-regex
const MEANINGFUL = /[^\s\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/;

/**
 * A string of at most `max` characters, counted as the commands count them (code points, as JSON Schema's maxLength
 * does), so that what the document calls valid is what the commands accept.
 */
/** A string of `min` to `max` characters, counted as JSON Schema counts them (code points, not UTF-16 units). */
const chars = (max: number, rules: { min?: number; emptyMessage?: string } = {}) => {
  const min = rules.min ?? 0;
  let text = z.string();
  if (rules.emptyMessage !== undefined) text = text.regex(MEANINGFUL, rules.emptyMessage);
  return text
    .refine((value) => [...value].length >= min, { message: `must be at least ${min} characters` })
    .refine((value) => [...value].length <= max, { message: `must be at most ${max} characters` })
    .openapi(min > 0 ? { minLength: min, maxLength: max } : { maxLength: max });
};

/** Optional passenger details: the intake stores at most this many characters of each. */
const MAX_DETAIL_LENGTH = 100;

const complaintRef = z
  .union([chars(64, { min: 1 }), z.number().int().nonnegative()])
  .openapi({ description: "the complaint's tweet_id (a string or a legacy number) or its reference", example: 'RS-7K2QD-M4XTA' });

// ---- requests ---------------------------------------------------------------------------------------------------

/** The time-left order's page cursor: the last row's due time and id. */
export const DUE_CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([1-9][0-9]{0,14})$/;

export const listTweetsQuery = z.object({
  filter: z.enum(TWEET_FILTERS).default('all').openapi({
    description:
      'which lane: `emergency` (prediction 1), `review` (Feedback flagged for a person), `feedback` (prediction 0), ' +
      "`open` (every status but `resolved`), `mine` (open and assigned to the signed-in admin), `all`",
  }),
  limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ description: 'page size' }),
  q: chars(200).optional().openapi({ description: 'search in the text, names, PNR, train, reference' }),
  sort: z.enum(TWEET_SORTS).default('newest').openapi({
    description: 'newest: every complaint, newest first; due: the complaints still waiting for a first response, least time left first',
  }),
  before: z
    .union([z.coerce.number().int().positive(), z.string().regex(DUE_CURSOR)])
    .optional()
    .openapi({ description: 'the next page: the X-Next-Before of the last one (an id for newest, `due_at`_`id` for due)' }),
});

const day = (what: string) =>
  z
    .string()
    .date('a date as YYYY-MM-DD')
    .optional()
    .openapi({ description: `${what} (UTC, included); a day that does not exist is a 400`, example: '2026-11-20' });

export const summaryQuery = z.object({
  from: day('the first day received (default: 29 days before `to`)'),
  to: day('the last day received (default: today); at most 366 days after `from`'),
});

export const csvQuery = z.object({
  filter: z.enum(TWEET_FILTERS).default('all').openapi({ description: 'which lane, as in GET /api/tweets' }),
  q: chars(200).optional().openapi({ description: 'a search, as in GET /api/tweets' }),
  from: day('the first day received (default: the first complaint)'),
  to: day('the last day received (default: the latest)'),
});

export const analyticsQuery = z.object({
  range: z.enum(ANALYTICS_RANGES).default('24h').openapi({ description: 'the last 24 hours or 7 days (per hour), or 30 days (per day)' }),
});

export const tweetIdParams = z.object({
  id: chars(200, { min: 1 }).openapi({ description: "a complaint's tweet_id or reference", param: { name: 'id', in: 'path' } }),
});

export const respondBody = z
  .object({
    tweet_id: complaintRef,
    response: chars(MAX_RESPONSE_LENGTH, { emptyMessage: 'the response is empty' }).openapi({
      description: 'sent to the passenger',
      example: 'RPF staff are on their way to coach B3. Please stay with other passengers.',
    }),
  })
  .openapi('RespondRequest');

export const relabelBody = z
  .object({
    tweet_id: complaintRef,
    emergency: z.union([z.literal(0), z.literal(1)]).openapi({ description: '1 Emergency, 0 Feedback', example: 1 }),
    category: z.enum(CATEGORIES).openapi({ example: 'women_safety' }),
  })
  .openapi('RelabelRequest');

export const intakeBody = z
  .object({
    text: chars(MAX_COMPLAINT_LENGTH, { emptyMessage: 'the complaint text is empty' }).openapi({
      example: 'Train 12951 coach B3, a man is harassing women, PNR 4512791357',
    }),
    name: chars(MAX_DETAIL_LENGTH).optional().openapi({ example: 'Asha' }),
    contact: chars(MAX_DETAIL_LENGTH).optional().openapi({ example: 'asha@example.org' }),
  })
  .openapi('ComplaintRequest');

export const assignBody = z
  .object({ admin: chars(100, { min: 1 }).openapi({ description: 'the admin to assign it to (a responder may name only themself)', example: 'asha' }) })
  .openapi('AssignRequest');

export const noteBody = z
  .object({
    text: chars(MAX_NOTE_LENGTH, { emptyMessage: 'the note is empty' }).openapi({
      description: 'internal: never sent to the passenger',
      example: 'Called the TTE of coach B3; RPF boarding at Kota.',
    }),
  })
  .openapi('NoteRequest');

export const loginBody = z
  .object({ username: chars(100, { min: 1 }).openapi({ example: 'admin' }), password: chars(200, { min: 1 }) })
  .openapi('LoginRequest');

const adminName = chars(200, { min: 1 }).openapi({
  description: '3 to 50 letters, digits, dot, dash or underscore once NFKC-normalised; compared without case',
  example: 'asha.rpf',
});
/** 12 to 72 bytes; as characters (what JSON Schema counts) at least 12, at most 72 (more bytes than that are 400). */
const adminPassword = chars(72, { min: 12 }).openapi({ description: '12 to 72 bytes in UTF-8 (what bcrypt reads), not only whitespace' });
const adminRole = z.enum(ADMIN_ROLES).openapi({ example: 'responder' });

export const adminParams = z.object({
  username: chars(200, { min: 1 }).openapi({ description: "an admin's username (any case)", example: 'asha.rpf', param: { name: 'username', in: 'path' } }),
});

export const createAdminBody = z.object({ username: adminName, password: adminPassword, role: adminRole }).openapi('CreateAdminRequest');

export const updateAdminBody = z
  .object({
    role: adminRole.optional(),
    disabled: z.boolean().optional().openapi({ description: 'true: no login and every session ends; false: may log in again' }),
  })
  .openapi('UpdateAdminRequest');

export const adminPasswordBody = z.object({ password: adminPassword }).openapi('AdminPasswordRequest');

// ---- responses --------------------------------------------------------------------------------------------------

export const errorJson = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
    }),
  })
  .openapi('Error', { description: 'every error the API answers' });

const nullableString = z.string().nullable();
const zeroOrOne = z.union([z.literal(0), z.literal(1)]);

export const tweetJson = z
  .object({
    id: z.number().int(),
    tweet: z.string(),
    username: nullableString,
    pnr: z.number().int().nullable(),
    prediction: zeroOrOne.nullable(),
    tweet_id: z.string(),
    user_id: z.number().int().nullable(),
    chat_id: z.number().int().nullable(),
    source: nullableString,
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    time: nullableString,
    response_status: zeroOrOne,
    response: nullableString,
    reference: nullableString,
    name: nullableString,
    category: nullableString,
    confidence: z.number().nullable(),
    priority: z.number().nullable(),
    model_version: nullableString,
    keywords: z.array(z.string()),
    language: nullableString,
    train: nullableString,
    coach: nullableString,
    berth: nullableString,
    status: z.string(),
    received_at: nullableString,
    classified_at: nullableString,
    responded_at: nullableString,
    responded_by: nullableString,
    amended_at: nullableString,
    has_photo: z.boolean(),
    delivery_status: nullableString,
    delivery_error: nullableString,
    delivered_at: nullableString,
    previous_prediction: zeroOrOne.nullable(),
    previous_category: nullableString,
    previous_model_version: nullableString,
    relabeled_by: nullableString,
    relabeled_at: nullableString,
    review: z.boolean(),
    triage: z.enum(['emergency', 'review', 'routine']).nullable(),
    acknowledged_at: nullableString,
    acknowledged_by: nullableString,
    assigned_to: nullableString,
    assigned_at: nullableString,
    resolved_at: nullableString,
    resolved_by: nullableString,
    reopened_at: nullableString,
    reopened_by: nullableString,
    notes_count: z.number().int(),
    last_note: nullableString,
    last_note_by: nullableString,
    last_note_at: nullableString,
    first_response_at: nullableString.openapi({ description: 'the first acknowledgement, assignment, response or resolution' }),
    due_at: nullableString.openapi({ description: 'received + the first-response target of its triage and category' }),
    breached: z.boolean().openapi({ description: 'the first response came after due_at, or has not come and due_at has passed' }),
  })
  .openapi('Tweet', { description: 'a complaint: the original `tweets` columns, then the additions' });

export const statsJson = z
  .object({
    total: z.number().int(),
    emergency: z.number().int(),
    feedback: z.number().int(),
    responded: z.number().int(),
    pending: z.number().int(),
    review: z.number().int(),
  })
  .openapi('Stats');

const countsJson = z.record(z.string(), z.number().int());

export const summaryJson = z
  .object({
    from: z.string().openapi({ example: '2026-11-01' }),
    to: z.string().openapi({ example: '2026-11-30' }),
    total: z.number().int(),
    by_day: z.array(z.object({ day: z.string(), count: z.number().int() })).openapi({ description: 'every day of the range, in order' }),
    by_category: countsJson.openapi({ description: 'complaints per category (`unclassified` before the classifier answers)' }),
    by_triage: countsJson.openapi({ description: 'emergency, review, routine, unclassified' }),
    by_source: countsJson.openapi({ description: 'Telegram, Web, CLI' }),
    first_response: z
      .object({ count: z.number().int(), p50: z.number().nullable(), p90: z.number().nullable() })
      .openapi({ description: 'seconds from received to first response (nearest-rank percentiles; null without responses)' }),
    breaches: z
      .object({ count: z.number().int(), by_category: countsJson })
      .openapi({ description: 'first responses after the due time, and complaints still waiting past it' }),
  })
  .openapi('Summary');
const count = z.number().int().nonnegative();
const seconds = z.number().int().nonnegative().nullable().openapi({ description: 'mean seconds from receipt to first response; null without any' });

export const analyticsJson = z
  .object({
    range: z.enum(ANALYTICS_RANGES),
    bucket: z.enum(['hour', 'day']).openapi({ description: 'hour for 24h and 7d, day (UTC) for 30d' }),
    from: z.string().openapi({ description: "the first bucket's start (UTC)", example: '2026-12-03T22:00:00.000Z' }),
    to: z.string().openapi({ description: 'the end of the last bucket (UTC)', example: '2026-12-04T22:00:00.000Z' }),
    totals: z.object({ complaints: count, emergencies: count, review: count }),
    series: z
      .object({
        start: z.string(),
        complaints: count,
        emergencies: count,
        review: count,
        first_responses: count,
        first_response_mean_seconds: seconds,
      })
      .array()
      .openapi({ description: 'every bucket of the range, oldest first, empty ones included; a complaint counts in the bucket it was received in' }),
    top_categories: z.object({ category: z.string(), complaints: count, emergencies: count }).array(),
    top_trains: z.object({ train: z.string(), complaints: count, emergencies: count }).array(),
    sources: z.object({ source: z.string(), complaints: count }).array(),
    languages: z.object({ language: z.string(), complaints: count }).array(),
    first_response: z
      .object({ count, mean_seconds: seconds })
      .openapi({ description: "first response: the complaint's first acknowledgement, assignment, response or resolution, whichever came first" }),
  })
  .openapi('Analytics');

export const respondAccepted = z
  .object({ success: z.literal(true), tweet_id: z.string(), response_id: z.string(), responded_at: z.string() })
  .openapi('RespondAccepted');

export const relabelAccepted = z.object({ success: z.literal(true), tweet_id: z.string() }).openapi('RelabelAccepted');

export const complaintAccepted = z
  .object({ complaint_id: z.string(), reference: z.string(), received_at: z.string() })
  .openapi('ComplaintAccepted');

export const adminJson = z.object({ username: z.string(), role: z.enum(ADMIN_ROLES) }).openapi('Admin');

export const adminSummaryJson = z
  .object({
    username: z.string(),
    role: z.enum(ADMIN_ROLES),
    disabled: z.boolean(),
    disabled_at: nullableString,
    created_at: nullableString,
    last_login: nullableString,
    sessions: z.number().int().nonnegative().openapi({ description: 'live sessions' }),
  })
  .openapi('AdminSummary');
export const adminListJson = z.array(adminSummaryJson).openapi('AdminList');

export const workflowAccepted = z
  .object({ success: z.literal(true), tweet_id: z.string(), event: z.string(), event_id: z.string(), at: z.string() })
  .openapi('WorkflowAccepted');
export const logoutJson = z.object({ ok: z.literal(true) }).openapi('LoggedOut');
export const healthJson = z.object({ status: z.literal('ok') }).openapi('Health');
export const readyJson = z.object({ status: z.enum(['ready', 'unavailable']) }).openapi('Ready');

export const historyEntryJson = z
  .object({
    event_id: z.string().openapi({ description: "the event's id" }),
    type: z.string().openapi({ description: "the event's name", example: 'ComplaintAssigned' }),
    at: z.string().openapi({ description: "the event's time (ISO 8601)", example: '2026-11-20T10:02:00.000Z' }),
    by: z.string().openapi({ description: "an admin's username, or passenger, classifier or bot", example: 'asha' }),
    changes: z
      .record(z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .openapi({ description: 'what the event changed', example: { assigned_to: 'asha', status: 'in_progress' } }),
  })
  .openapi('HistoryEntry');

export const historyJson = z.array(historyEntryJson).openapi('History', { description: "every event of a complaint, in the order they happened" });
