import { CATEGORIES, type Category } from '../classify/types';
import { triageOf, type Triage } from '../events/complaint';

/**
 * First-response targets, in minutes: one per triage, and optional per-category targets. A complaint's target is the
 * stricter of its triage's and its category's. An unclassified complaint (the classifier has not answered yet) gets
 * the emergency target: it may be one.
 */
export interface ResponseTargets {
  triage: Record<Triage, number>;
  category: Partial<Record<Category, number>>;
}

/**
 * RailMadad (Southern Railway, February 2023): first response within 8 minutes for medical and security assistance,
 * complaints resolved in 37 minutes on average. Emergencies and the safety categories get the 8 minutes; a
 * complaint flagged for review waits at most 15 (it may turn out to be an emergency); a routine one 37 (a first
 * response no later than the average complaint is resolved).
 */
export const DEFAULT_RESPONSE_TARGETS: ResponseTargets = {
  triage: { emergency: 8, review: 15, routine: 37 },
  category: { medical: 8, security: 8, women_safety: 8, child: 8, safety_incident: 8 },
};

/** The most a target may be: a week. */
export const MAX_TARGET_MINUTES = 7 * 24 * 60;

export const targetMinutes = (
  targets: ResponseTargets,
  complaint: { prediction: number | null; review: boolean | number | null; category: string | null },
): number => {
  const triage = complaint.prediction === null ? 'emergency' : triageOf(complaint.prediction, complaint.review);
  const byCategory = complaint.category === null ? undefined : targets.category[complaint.category as Category];
  return Math.min(targets.triage[triage], byCategory ?? Infinity);
};

const instant = (iso: string | null): number | null => {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
};

/** The columns of a tweets row that hold its first-response target. */
export interface FirstResponseFields {
  /** the first acknowledgement, assignment, response or resolution: the first step that takes the complaint up */
  first_response_at: string | null;
  /** seconds from received to first response */
  first_response_seconds: number | null;
  /** received + target */
  due_at: string | null;
  /** due_at while the complaint waits for its first response (null after it): the time-left queue's index */
  waiting_due_at: string | null;
}

/** Derives the due time and the first-response time from the row's own columns: the same row gives the same fields. */
export const firstResponseFields = (
  row: { received_at: string | null; prediction: number | null; review: boolean | number | null; category: string | null; first_response_at: string | null },
  targets: ResponseTargets,
): FirstResponseFields => {
  const received = instant(row.received_at);
  const responded = instant(row.first_response_at);
  const due = received === null ? null : new Date(received + targetMinutes(targets, row) * 60_000).toISOString();
  return {
    first_response_at: responded === null ? null : new Date(responded).toISOString(),
    first_response_seconds: received === null || responded === null ? null : Math.max(0, (responded - received) / 1000),
    due_at: due,
    waiting_due_at: responded === null ? due : null,
  };
};

/** The earlier of two times (ISO 8601), either possibly missing: a first response only ever moves earlier. */
export const earliest = (a: string | null, b: string | null): string | null => {
  const ma = instant(a);
  const mb = instant(b);
  if (ma === null) return mb === null ? null : new Date(mb).toISOString();
  if (mb === null || ma <= mb) return new Date(ma).toISOString();
  return new Date(mb).toISOString();
};

/** Breached: the first response came after the due time, or has not come and the due time has passed. */
export const isBreached = (row: { due_at: string | null; first_response_at: string | null }, now: Date): boolean => {
  const due = instant(row.due_at);
  if (due === null) return false;
  const responded = instant(row.first_response_at);
  return responded === null ? now.getTime() > due : responded > due;
};

/**
 * The nearest-rank percentile of values sorted ascending: the smallest value with at least p% of them at or below it
 * (null for none). The reports compute the same rank in SQL (`percentileRank`).
 */
export const percentileRank = (count: number, p: number): number => Math.max(1, Math.ceil((p / 100) * count));

export const percentile = (sorted: readonly number[], p: number): number | null =>
  sorted.length === 0 ? null : sorted[percentileRank(sorted.length, p) - 1];

const parseMinutes = (text: string): number => {
  const minutes = Number(text);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_TARGET_MINUTES) {
    throw new Error(`${text} minutes: a whole number from 1 to ${MAX_TARGET_MINUTES}`);
  }
  return minutes;
};

/**
 * FIRST_RESPONSE_TARGETS: `category=minutes` pairs, comma-separated (`medical=8,security=8,cleanliness=60`). Throws a
 * message naming what is wrong.
 */
export const parseCategoryTargets = (text: string): Partial<Record<Category, number>> => {
  const targets: Partial<Record<Category, number>> = {};
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const match = /^([a-z_]+)\s*=\s*(\d+)$/.exec(entry);
    if (!match) throw new Error(`"${entry}" is not category=minutes`);
    const [, name, minutes] = match;
    if (!(CATEGORIES as readonly string[]).includes(name)) throw new Error(`"${name}" is not a category (${CATEGORIES.join(', ')})`);
    if (name in targets) throw new Error(`"${name}" is given twice`);
    targets[name as Category] = parseMinutes(minutes);
  }
  return targets;
};
