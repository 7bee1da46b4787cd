import { CURRENT_MODEL_VERSION } from '../../src/classify';
import { findTweet } from '../../src/projections/tweets';
import { postJson, startEmbedded, type EmbeddedProduct } from '../support/embedded';
import { until } from '../support/until';

describe('CLASSIFIER_MODEL picks the model that classifies new complaints (embedded)', () => {
  let product: EmbeddedProduct | undefined;
  afterEach(async () => {
    await product?.stop();
    product = undefined;
  });

  it.each(['linear-6', 'rules-1', CURRENT_MODEL_VERSION])('%s', async (version) => {
    product = await startEmbedded({ CLASSIFIER_MODEL: version });
    const res = await postJson(`${product.url}/api/complaints`, { text: 'Passenger fainted in coach A1 of 22691, need a doctor' });
    expect(res.status).toBe(201);
    const { complaint_id } = (await res.json()) as { complaint_id: string };
    const store = product.runtime.store;
    await until(async () => (await findTweet(store, complaint_id))?.model_version != null, 'the complaint to be classified', 30_000);
    expect(await findTweet(store, complaint_id)).toMatchObject({ model_version: version, prediction: 1, category: 'medical' });
  });
});
