import { findTweet } from '../../src/projections/tweets';
import { createAdmin, disableAdmin } from '../../src/read-api/admins';
import type { TweetJson } from '../../src/read-api/socket-events';
import { postJson, startEmbedded, type EmbeddedProduct } from '../support/embedded';
import { until } from '../support/until';

const PASSWORD = 'a long enough password';

describe('the workflow API with roles (embedded): acknowledge, assign, notes, resolve, reopen', () => {
  let product: EmbeddedProduct;
  /** ops.admin is the first admin: a supervisor */
  let supervisor: string;
  let responder: string;
  let viewer: string;

  const login = async (username: string): Promise<string> => {
    const res = await postJson(`${product.url}/api/login`, { username, password: PASSWORD });
    expect(res.status).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0];
  };

  beforeAll(async () => {
    product = await startEmbedded();
    supervisor = await product.login();
    await createAdmin(product.runtime.store, 'asha.r', PASSWORD, undefined, 'responder');
    await createAdmin(product.runtime.store, 'vik.v', PASSWORD, undefined, 'viewer');
    await createAdmin(product.runtime.store, 'meera.r', PASSWORD);
    await createAdmin(product.runtime.store, 'gone.r', PASSWORD);
    await disableAdmin(product.runtime.store, 'gone.r');
    responder = await login('asha.r');
    viewer = await login('vik.v');
  });
  afterAll(() => product?.stop());

  const complaint = async (): Promise<string> => {
    const res = await postJson(`${product.url}/api/complaints`, { text: 'Coach B3 of 12951 has no water since Nagpur' });
    const { complaint_id: id } = (await res.json()) as { complaint_id: string };
    await until(async () => (await findTweet(product.runtime.store, id))?.status === 'new', 'the complaint is projected as new');
    return id;
  };
  const step = (id: string, action: string, cookie: string, body: unknown = {}) => postJson(`${product.url}/api/tweets/${id}/${action}`, body, cookie);
  const row = async (id: string) => (await (await fetch(`${product.url}/api/tweets/${id}`, { headers: { cookie: supervisor } })).json()) as TweetJson;
  const settled = (id: string, check: (t: TweetJson) => boolean, what: string) => until(async () => check(await row(id)), what, 30_000, 50);

  it('answers each admin\'s role on /api/me, and the first admin is a supervisor', async () => {
    for (const [cookie, username, role] of [[supervisor, 'ops.admin', 'supervisor'], [responder, 'asha.r', 'responder'], [viewer, 'vik.v', 'viewer']]) {
      const res = await fetch(`${product.url}/api/me`, { headers: { cookie } });
      expect(await res.json()).toEqual({ username, role });
    }
  });

  it('a responder walks a complaint through assign to self, note, respond and resolve; a supervisor reopens it', async () => {
    const id = await complaint();
    expect((await step(id, 'acknowledge', responder)).status).toBe(202);
    await settled(id, (t) => t.status === 'acknowledged', 'acknowledged');

    const assigned = await step(id, 'assign', responder, { admin: 'ASHA.R' });
    expect(assigned.status).toBe(202);
    expect(await assigned.json()).toMatchObject({ success: true, tweet_id: id, event: 'ComplaintAssigned' });
    await settled(id, (t) => t.status === 'in_progress' && t.assigned_to === 'asha.r', 'assigned to asha.r');

    expect((await step(id, 'notes', responder, { text: '<img src=x onerror=alert(1)> called the TTE' })).status).toBe(202);
    await settled(id, (t) => t.notes_count === 1, 'the note counted');
    expect((await row(id)).last_note).toBe('<img src=x onerror=alert(1)> called the TTE');

    expect((await postJson(`${product.url}/api/respond`, { tweet_id: id, response: 'Water will be filled at Wardha.' }, responder)).status).toBe(202);
    await settled(id, (t) => t.status === 'responded', 'responded');

    expect((await step(id, 'resolve', responder)).status).toBe(202);
    await settled(id, (t) => t.status === 'resolved', 'resolved');
    expect(await row(id)).toMatchObject({ resolved_by: 'asha.r', response_status: 1, response: 'Water will be filled at Wardha.' });

    const refused = await postJson(`${product.url}/api/respond`, { tweet_id: id, response: 'One more thing' }, responder);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/reopen/) } });

    const notAllowed = await step(id, 'reopen', responder);
    expect(notAllowed.status).toBe(403);
    expect(await notAllowed.json()).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });

    expect((await step(id, 'reopen', supervisor)).status).toBe(202);
    await settled(id, (t) => t.status === 'reopened', 'reopened');
    // Reopening tells the passenger nothing: the row still shows the one response given.
    expect(await row(id)).toMatchObject({ response: 'Water will be filled at Wardha.', reopened_by: 'ops.admin', notes_count: 1 });
  });

  it('answers an impossible step or a repeat with 409 and the JSON error shape', async () => {
    const id = await complaint();
    const reopen = await step(id, 'reopen', supervisor);
    expect(reopen.status).toBe(409);
    expect(await reopen.json()).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/only a resolved/) } });
    expect((await step(id, 'acknowledge', responder)).status).toBe(202);
    await settled(id, (t) => t.status === 'acknowledged', 'acknowledged');
    expect((await step(id, 'acknowledge', responder)).status).toBe(409);
    expect((await step(id, 'resolve', responder)).status).toBe(202);
    await settled(id, (t) => t.status === 'resolved', 'resolved');
    expect((await step(id, 'resolve', responder)).status).toBe(409);
    expect((await step(id, 'assign', responder, { admin: 'asha.r' })).status).toBe(409);
  });

  it('decides a double click once: the same step sent twice at once, or again before the read model shows it, is a 409', async () => {
    const id = await complaint();
    const statuses = (await Promise.all([step(id, 'acknowledge', responder), step(id, 'acknowledge', responder)])).map((r) => r.status).sort();
    expect(statuses).toEqual([202, 409]);
    const notes = await Promise.all([step(id, 'notes', responder, { text: 'Same note' }), step(id, 'notes', responder, { text: 'Same note' })]);
    expect(notes.map((r) => r.status).sort()).toEqual([202, 409]);
    expect((await step(id, 'resolve', responder)).status).toBe(202);
    // Straight after, before the projection has caught up: a response is refused already.
    expect((await postJson(`${product.url}/api/respond`, { tweet_id: id, response: 'late' }, responder)).status).toBe(409);
    await settled(id, (t) => t.status === 'resolved' && t.notes_count === 1, 'resolved with one note');
  });

  it('lets only a supervisor assign to someone else, and only to an existing, enabled admin', async () => {
    const id = await complaint();
    const other = await step(id, 'assign', responder, { admin: 'meera.r' });
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await step(id, 'assign', supervisor, { admin: 'nobody.here' })).status).toBe(404);
    const disabled = await step(id, 'assign', supervisor, { admin: 'gone.r' });
    expect(disabled.status).toBe(400);
    expect(await disabled.json()).toMatchObject({ error: { code: 'validation_failed', message: expect.stringMatching(/disabled/) } });
    expect((await step(id, 'assign', supervisor, { admin: 'meera.r' })).status).toBe(202);
    await settled(id, (t) => t.assigned_to === 'meera.r', 'assigned to meera.r');
    expect((await step(id, 'assign', supervisor, {})).status).toBe(400);
  });

  it('refuses empty or too long notes with a clear 400, and an unknown complaint with 404', async () => {
    const id = await complaint();
    for (const text of ['   ', 'n'.repeat(2001)]) {
      const res = await step(id, 'notes', responder, { text });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'validation_failed', message: expect.stringMatching(/note|text/) } });
    }
    expect((await step(id, 'notes', responder, { text: 'x'.repeat(20_000) })).status).toBe(400);
    expect((await step('no-such-complaint', 'acknowledge', responder)).status).toBe(404);
  });

  it('gives a viewer the reads and a 403 on every write; no session gets 401', async () => {
    const id = await complaint();
    expect((await fetch(`${product.url}/api/tweets`, { headers: { cookie: viewer } })).status).toBe(200);
    expect((await fetch(`${product.url}/api/tweets/${id}`, { headers: { cookie: viewer } })).status).toBe(200);
    expect((await fetch(`${product.url}/api/stats`, { headers: { cookie: viewer } })).status).toBe(200);
    const writes: [string, unknown][] = [
      [`/api/tweets/${id}/acknowledge`, {}],
      [`/api/tweets/${id}/assign`, { admin: 'vik.v' }],
      [`/api/tweets/${id}/notes`, { text: 'a note' }],
      [`/api/tweets/${id}/resolve`, {}],
      [`/api/tweets/${id}/reopen`, {}],
      ['/api/respond', { tweet_id: id, response: 'hello' }],
      ['/api/relabel', { tweet_id: id, emergency: 0, category: 'water' }],
    ];
    for (const [path, body] of writes) {
      const forbidden = await postJson(`${product.url}${path}`, body, viewer);
      expect([path, forbidden.status]).toEqual([path, 403]);
      expect(await forbidden.json()).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
      expect([path, (await postJson(`${product.url}${path}`, body)).status]).toEqual([path, 401]);
    }
    expect((await row(id)).status).toBe('new');
  });
});
