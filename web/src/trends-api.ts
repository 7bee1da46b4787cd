import { ApiError } from './api.js';

/** The ranges of GET /api/analytics: 24 h and 7 d per hour, 30 d per day (UTC). */
export const TRENDS_RANGES = ['24h', '7d', '30d'] as const;
export type TrendsRange = (typeof TRENDS_RANGES)[number];

/** GET /api/analytics's answer (the Analytics schema of the OpenAPI document). */
export interface AnalyticsJson {
  range: TrendsRange;
  bucket: 'hour' | 'day';
  from: string;
  to: string;
  totals: { complaints: number; emergencies: number; review: number };
  series: {
    start: string;
    complaints: number;
    emergencies: number;
    review: number;
    first_responses: number;
    first_response_mean_seconds: number | null;
  }[];
  top_categories: { category: string; complaints: number; emergencies: number }[];
  top_trains: { train: string; complaints: number; emergencies: number }[];
  sources: { source: string; complaints: number }[];
  languages: { language: string; complaints: number }[];
  first_response: { count: number; mean_seconds: number | null };
}

/** The Trends figures of a range; a failure is an ApiError with the server's code (401: the session has ended). */
export const fetchAnalytics = async (range: TrendsRange): Promise<AnalyticsJson> => {
  let response: Response;
  try {
    response = await fetch(`/api/analytics?range=${range}`, { cache: 'no-store', credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'network', 'the server cannot be reached; check the connection');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    throw new ApiError(
      response.status,
      typeof error?.code === 'string' ? error.code : `http_${response.status}`,
      typeof error?.message === 'string' ? error.message : `the server answered ${response.status}`,
    );
  }
  return body as AnalyticsJson;
};
