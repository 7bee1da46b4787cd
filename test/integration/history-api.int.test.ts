import { findTweet } from '../../src/projections/tweets';
import { createAdmin } from '../../src/read-api/admins';
import { postJson, startEmbedded, type EmbeddedProduct } from '../support/embedded';
import { until } from '../support/until';

const PASSWORD = 'a long enough password';

interface Entry {
  event_id: string;
  type: string;
  at: string;
  by: string;
  changes: Record<string, unknown>;
}

describe('GET /api/tweets/:id/history (embedded)', () => {
  let product: EmbeddedProduct;
  let supervisor: string;
  let viewer: string;

  beforeAll(async () => {
    product = await startEmbedded();
    supervisor = await product.login();
    await createAdmin(product.runtime.store, 'vik.v', PASSWORD, undefined, 'viewer');
    const res = await postJson(`${product.url}/api/login`, { username: 'vik.v', password: PASSWORD });
    viewer = (res.headers.get('set-cookie') ?? '').split(';')[0];
  });
  afterAll(() => product?.stop());

  const history = (id: string, cookie?: string) => fetch(`${product.url}/api/tweets/${encodeURIComponent(id)}/history`, { headers: cookie ? { cookie } : {} });

  it('answers a viewer every event of a complaint in order, by id or reference, with who and what changed', async () => {
    const res = await postJson(`${product.url}/api/complaints`, { text: 'Coach B3 of 12951: a man is harassing women' });
    const { complaint_id: id, reference } = (await res.json()) as { complaint_id: string; reference: string };
    await until(async () => (await findTweet(product.runtime.store, id))?.status === 'new', 'the complaint is projected');
    for (const [action, body, type] of [
      ['assign', { admin: 'ops.admin' }, 'ComplaintAssigned'],
      ['notes', { text: '<script>alert(1)</script> RPF informed' }, 'ComplaintNoteAdded'],
      ['resolve', {}, 'ComplaintResolved'],
    ] as const) {
      expect((await postJson(`${product.url}/api/tweets/${id}/${action}`, body, supervisor)).status).toBe(202);
      await until(async () => ((await (await history(id, viewer)).json()) as Entry[]).some((e) => e.type === type), `${type} in the history`);
    }
    const answered = await history(reference, viewer);
    expect(answered.status).toBe(200);
    expect(answered.headers.get('cache-control')).toBe('no-store');
    const entries = (await answered.json()) as Entry[];
    expect(entries.map((e) => [e.type, e.by])).toEqual([
      ['ComplaintReceived', 'passenger'],
      ['ComplaintClassified', 'classifier'],
      ['ComplaintAssigned', 'ops.admin'],
      ['ComplaintNoteAdded', 'ops.admin'],
      ['ComplaintResolved', 'ops.admin'],
    ]);
    expect(entries[3].changes).toEqual({ note: '<script>alert(1)</script> RPF informed' });
    expect(entries[4].changes).toEqual({ status: 'resolved' });
    expect([...entries].sort((a, b) => a.at.localeCompare(b.at))).toEqual(entries);
    expect(await (await history(id, supervisor)).json()).toEqual(entries);
  });

  it('answers 404 JSON for an unknown complaint, and 401 without a session', async () => {
    const unknown = await history('RS-NOPE0-NOPE0', viewer);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 'not_found', message: expect.stringContaining('not found') } });
    const anonymous = await history('RS-NOPE0-NOPE0');
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });
});
