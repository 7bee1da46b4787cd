import { BotApiServer, user } from '../support/bot-api-server';
import { startEmbedded, type EmbeddedProduct } from '../support/embedded';
import { freePort } from '../support/free-port';
import { listTweetsOfChat } from '../../src/projections/tweets';
import { webhookSecretOf } from '../../src/bot/bot';

describe('Telegram bot in webhook mode, served by the read API', () => {
  let telegram: BotApiServer;
  let product: EmbeddedProduct;
  let webhookUrl: string;

  beforeAll(async () => {
    telegram = await BotApiServer.start();
    const port = await freePort();
    webhookUrl = `http://127.0.0.1:${port}/telegram/webhook`;
    product = await startEmbedded({
      PORT: String(port),
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.url,
      TELEGRAM_WEBHOOK_URL: webhookUrl,
    });
  });
  afterAll(async () => {
    await product?.stop();
    await telegram?.stop();
  });

  it('registers the webhook with a secret and files complaints that Telegram posts to it', async () => {
    expect(telegram.callsOf('setWebhook')).toHaveLength(1);
    expect(telegram.callsOf('setWebhook')[0].body).toMatchObject({ url: webhookUrl, secret_token: expect.any(String) });
    const passenger = user(777001, { firstName: 'Ravi' });
    telegram.sendText(passenger, 'Coach B2 lights are not working in train 12002');
    await telegram.waitFor(() => telegram.sentTo(passenger.id).length === 1, 10_000, 'the acknowledgement');
    expect(telegram.sentTo(passenger.id)[0].text).toMatch(/RS-[0-9A-Z]{5}-[0-9A-Z]{5}/);
    // The webhook answer comes after the handler, so after the acknowledgement.
    await telegram.waitFor(() => telegram.webhookDeliveries.length === 1, 10_000, 'the webhook answer');
    expect(telegram.webhookDeliveries.map((d) => d.status)).toEqual([200]);
  });

  it.each([
    ['no secret header', {}],
    ['a wrong secret', { 'X-Telegram-Bot-Api-Secret-Token': 'wrong-secret-value-0123456789' }],
  ])('answers 401 to a request with %s and files nothing', async (_, headers) => {
    const chatId = 777002;
    const update = {
      update_id: 424242,
      message: { message_id: 1, date: 1, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'X' }, text: 'fake complaint' },
    };
    const res = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(update) });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'missing or wrong secret token' } });
    expect(await listTweetsOfChat(product.runtime.store, chatId, 5)).toEqual([]);
    expect(telegram.sentTo(chatId)).toEqual([]);
  });

  it('uses the secret derived from the token when none is configured', () => {
    const secret = telegram.callsOf('setWebhook')[0].body.secret_token;
    expect(secret).toBe(webhookSecretOf({ token: telegram.token, apiRoot: telegram.url, ratePerMinute: 5 }));
  });
});
