import type { ComplaintEvent } from '../../src/events/complaint';
import { applyTweetSlices } from '../../src/projections/tweets';
import { createAdmin } from '../../src/read-api/admins';
import type { TweetJson } from '../../src/read-api/socket-events';
import { LIVE_TWEETS_TABLES } from '../../src/store/migrations';
import { postJson, startEmbedded, type EmbeddedProduct } from '../support/embedded';
import { storeSettings } from '../support/engines';
import {
  aComplaintAcknowledged,
  aComplaintAssigned,
  aComplaintClassified,
  aComplaintReceived,
  aComplaintResolved,
  aResponseGiven,
} from '../support/fixtures';

const PASSWORD = 'a long enough password';
const later = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/** A complaint received at `at`, classified as given (or not at all), first taken up `after` seconds later (or never). */
const complaint = (
  at: string,
  options: { text?: string; source?: 'telegram' | 'web'; prediction?: 0 | 1; review?: boolean; category?: string; takenUp?: (id: string, at: string) => ComplaintEvent; after?: number },
): { id: string; reference: string; events: ComplaintEvent[] } => {
  const received = aComplaintReceived({ receivedAt: at, source: options.source ?? 'telegram', ...(options.text ? { text: options.text } : {}) });
  const id = received.data.complaintId;
  const events: ComplaintEvent[] = [received];
  if (options.prediction !== undefined) {
    events.push(aComplaintClassified(id, { prediction: options.prediction, review: options.review ?? false, category: options.category, classifiedAt: later(at, 1) }));
  }
  if (options.takenUp && options.after !== undefined) events.push(options.takenUp(id, later(at, options.after)));
  return { id, reference: received.data.reference, events };
};

const ack = (id: string, at: string) => aComplaintAcknowledged(id, at);
const respond = (id: string, at: string) => aResponseGiven(id, { respondedAt: at });
const assign = (id: string, at: string) => aComplaintAssigned(id, 'asha', at);
const resolve = (id: string, at: string) => aComplaintResolved(id, at);

const FORMULA = '=HYPERLINK("http://evil.example","win a prize")';
const AWKWARD = 'He said "stop", then left,\nand the fan in B3 still sparks';

// Known data: five first responses (60, 120, 300, 600, 900 s), four breaches, one complaint the day before the range.
const seeded = {
  a: complaint('2026-11-01T10:00:00.000Z', { prediction: 1, category: 'medical', takenUp: ack, after: 60 }),
  b: complaint('2026-11-01T11:00:00.000Z', { prediction: 0, category: 'cleanliness', takenUp: respond, after: 120 }),
  c: complaint('2026-11-02T09:00:00.000Z', { source: 'web', prediction: 0, review: true, category: 'water', takenUp: assign, after: 300 }),
  d: complaint('2026-11-02T10:00:00.000Z', { prediction: 1, category: 'security', takenUp: resolve, after: 600 }),
  e: complaint('2026-11-03T08:00:00.000Z', { source: 'web', prediction: 0, category: 'catering', takenUp: respond, after: 900 }),
  f: complaint('2026-11-03T09:00:00.000Z', { prediction: 1, category: 'women_safety' }),
  formula: complaint('2026-11-03T12:00:00.000Z', { text: FORMULA }),
  awkward: complaint('2026-11-03T12:01:00.000Z', { text: AWKWARD }),
  before: complaint('2026-10-31T23:59:59.000Z', { prediction: 0, category: 'water', takenUp: ack, after: 5 }),
};
/** More than one page of the export (500 rows), all answered in time; three at a time received together, so that a page ends among equal times. */
const FILLERS = Array.from({ length: 520 }, (_, i) =>
  complaint(later('2026-10-15T06:00:00.000Z', Math.floor(i / 3) * 60), { prediction: 0, category: 'bedroll', takenUp: ack, after: 30 }),
);

describe.each(storeSettings('reports'))('reports and the CSV export on %s', (_engine, database) => {
  let product: EmbeddedProduct;
  let drop: () => Promise<void>;
  let supervisor: string;
  let responder: string;
  let viewer: string;

  const login = async (username: string): Promise<string> => {
    const res = await postJson(`${product.url}/api/login`, { username, password: PASSWORD });
    expect(res.status).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0];
  };
  const get = (path: string, cookie?: string) => fetch(`${product.url}${path}`, { headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    const db = await database();
    drop = db.drop;
    product = await startEmbedded(db.env);
    supervisor = await product.login();
    await createAdmin(product.runtime.store, 'asha.r', PASSWORD, undefined, 'responder');
    await createAdmin(product.runtime.store, 'vik.v', PASSWORD, undefined, 'viewer');
    responder = await login('asha.r');
    viewer = await login('vik.v');
    const events = [...Object.values(seeded), ...FILLERS].flatMap((c) => c.events);
    const { store } = product.runtime;
    await store.transaction((tx) =>
      applyTweetSlices(store, tx, LIVE_TWEETS_TABLES, [
        { topic: 'seeded', partition: 0, nextOffset: events.length, events: events.map((event, offset) => ({ offset, event })) },
      ]),
    );
  });
  afterAll(async () => {
    await product?.stop();
    await drop?.();
  });

  it('summarises a range of days: counts, first-response percentiles and breaches, for a viewer too', async () => {
    const res = await get('/api/reports/summary?from=2026-11-01&to=2026-11-03', viewer);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      from: '2026-11-01',
      to: '2026-11-03',
      total: 8,
      by_day: [
        { day: '2026-11-01', count: 2 },
        { day: '2026-11-02', count: 2 },
        { day: '2026-11-03', count: 4 },
      ],
      by_category: { medical: 1, cleanliness: 1, water: 1, security: 1, catering: 1, women_safety: 1, unclassified: 2 },
      by_triage: { emergency: 3, review: 1, routine: 2, unclassified: 2 },
      by_source: { Telegram: 6, Web: 2 },
      // nearest rank: p50 is the 3rd of 5 (300 s), p90 the 5th (900 s)
      first_response: { count: 5, p50: 300, p90: 900 },
      // security answered after 10 min (target 8); women_safety and the two unclassified never answered
      breaches: { count: 4, by_category: { security: 1, women_safety: 1, unclassified: 2 } },
    });
    const day = (await (await get('/api/reports/summary?from=2026-10-31&to=2026-10-31', viewer)).json()) as { total: number; first_response: unknown };
    expect(day).toMatchObject({ total: 1, first_response: { count: 1, p50: 5, p90: 5 } });
  });

  it('answers a bad range with 400 and the JSON error shape, and no session with 401', async () => {
    for (const query of ['from=2026-11-03&to=2026-11-01', 'from=2026-02-30', 'to=yesterday', 'from=2020-01-01&to=2026-11-01']) {
      const res = await get(`/api/reports/summary?${query}`, viewer);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'validation_failed', message: expect.any(String) } });
    }
    const anonymous = await get('/api/reports/summary');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('keeps GET /api/stats to its original keys', async () => {
    expect(Object.keys(await (await get('/api/stats', viewer)).json()).sort()).toEqual(['emergency', 'feedback', 'pending', 'responded', 'review', 'total']);
  });

  it('lists the complaints waiting for a first response by time left, page by page, each with due_at and breached', async () => {
    const first = await get('/api/tweets?sort=due&limit=2', viewer);
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as TweetJson[];
    expect(page1.map((t) => t.tweet_id)).toEqual([seeded.f.id, seeded.formula.id]);
    expect(page1[0]).toMatchObject({ due_at: '2026-11-03T09:08:00.000Z', first_response_at: null, breached: true });
    const cursor = first.headers.get('X-Next-Before');
    expect(cursor).toBe(`2026-11-03T12:08:00.000Z_${page1[1].id}`);
    const page2 = (await (await get(`/api/tweets?sort=due&limit=2&before=${cursor}`, viewer)).json()) as TweetJson[];
    expect(page2.map((t) => t.tweet_id)).toEqual([seeded.awkward.id]);
    const emergencies = (await (await get('/api/tweets?sort=due&filter=emergency', viewer)).json()) as TweetJson[];
    expect(emergencies.map((t) => t.tweet_id)).toEqual([seeded.f.id]);
    const answered = (await (await get(`/api/tweets/${seeded.a.id}`, viewer)).json()) as TweetJson;
    expect(answered).toMatchObject({ first_response_at: '2026-11-01T10:01:00.000Z', due_at: '2026-11-01T10:08:00.000Z', breached: false });
    const mismatched = await get('/api/tweets?sort=due&before=12', viewer);
    expect(mismatched.status).toBe(400);
    expect(await mismatched.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it('searches words among the complaints waiting for a first response, by time left', async () => {
    const ids = async (query: string) => ((await (await get(`/api/tweets?sort=due&${query}`, viewer)).json()) as TweetJson[]).map((t) => t.tweet_id);
    expect(await ids('q=sparks')).toEqual([seeded.awkward.id]);
    expect(await ids('q=prize')).toEqual([seeded.formula.id]);
    expect(await ids(`q=${encodeURIComponent('"fan in b3"')}`)).toEqual([seeded.awkward.id]);
    expect(await ids('q=prize%20sparks')).toEqual([]);
    // every seeded complaint but three says "not working": only the one still waiting is listed
    expect(await ids('q=working')).toEqual([seeded.f.id]);
    expect(await ids('q=b3')).toEqual([seeded.f.id, seeded.awkward.id]);
  });

  it('exports CSV to a supervisor: quoted by the library, formulas neutralised, as an attachment', async () => {
    const res = await get('/api/tweets.csv?from=2026-11-03&to=2026-11-03', supervisor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="railsewa-complaints-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = await res.text();
    expect(csv.split('\n')[0]).toBe(
      'reference,tweet_id,received_at,source,name,username,text,prediction,triage,category,confidence,pnr,train,coach,berth,status,' +
        'first_response_at,due_at,breached,assigned_to,responded_at,responded_by,response,resolved_at',
    );
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil.example"",""win a prize"")",`);
    expect(csv).toContain(`,"He said ""stop"", then left,\nand the fan in B3 still sparks",`);
    for (const c of [seeded.e, seeded.f, seeded.formula, seeded.awkward]) expect(csv).toContain(`${c.reference},${c.id},`);
    expect(csv).not.toContain(seeded.d.id);
    expect(csv).toContain(`${seeded.f.reference},${seeded.f.id},2026-11-03T09:00:00.000Z,Telegram,Asha,passenger_1,`);

    const emergencies = await (await get('/api/tweets.csv?filter=emergency&from=2026-11-01&to=2026-11-03', supervisor)).text();
    expect(emergencies.trim().split('\n')).toHaveLength(4);
    const byReference = await (await get(`/api/tweets.csv?q=${seeded.c.reference}`, supervisor)).text();
    expect(byReference.trim().split('\n')).toEqual([expect.stringMatching(/^reference,/), expect.stringContaining(seeded.c.id)]);
  });

  it('streams more than a page: every complaint of the range once', async () => {
    const csv = await (await get('/api/tweets.csv?from=2026-10-15&to=2026-10-15', supervisor)).text();
    const lines = csv.trim().split('\n').slice(1);
    expect(lines).toHaveLength(FILLERS.length);
    expect(new Set(lines.map((line) => line.split(',')[1]))).toEqual(new Set(FILLERS.map((c) => c.id)));
  });

  it('refuses the export to a viewer and a responder (403) and without a session (401), and a bad range (400)', async () => {
    for (const cookie of [viewer, responder]) {
      const res = await get('/api/tweets.csv', cookie);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: 'forbidden', message: 'this needs the supervisor role' } });
    }
    const anonymous = await get('/api/tweets.csv');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const backwards = await get('/api/tweets.csv?from=2026-11-03&to=2026-11-01', supervisor);
    expect(backwards.status).toBe(400);
    expect(await backwards.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });
});
