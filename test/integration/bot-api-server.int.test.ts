import { Telegraf } from 'telegraf';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BotApiServer, group, user, type TgMessage, type Update } from '../support/bot-api-server';

interface Envelope<T = unknown> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

/** One Bot API call over HTTP, as a client library makes it. */
async function api<T = unknown>(
  server: BotApiServer,
  method: string,
  body: Record<string, unknown> = {},
  init: { token?: string; signal?: AbortSignal } = {},
): Promise<{ status: number; body: Envelope<T> }> {
  const response = await fetch(`${server.url}/bot${init.token ?? server.token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: init.signal,
  });
  return { status: response.status, body: (await response.json()) as Envelope<T> };
}

/** A tiny webhook receiver that answers with the given statuses in turn (then 200). */
async function startReceiver(statuses: number[] = []) {
  const received: { headers: http.IncomingHttpHeaders; update: Update }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, update: JSON.parse(Buffer.concat(chunks).toString()) as Update });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('local Telegram Bot API server', () => {
  let server: BotApiServer;
  const asha = user(501, { firstName: 'Asha', username: 'asha_travels', languageCode: 'hi' });

  beforeEach(async () => {
    server = await BotApiServer.start({ botUsername: 'railsewa_test_bot' });
  });

  afterEach(async () => {
    await server.stop();
  });

  it('answers getMe with the bot user, 401 for a wrong token and 404 for an unknown method', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.token).toMatch(/^\d+:[A-Za-z0-9_-]{35}$/);

    const me = await api(server, 'getMe');
    expect(me).toEqual({
      status: 200,
      body: {
        ok: true,
        result: {
          id: Number(server.token.split(':')[0]),
          is_bot: true,
          first_name: 'RailSewa',
          username: 'railsewa_test_bot',
          can_join_groups: true,
          can_read_all_group_messages: true,
          supports_inline_queries: false,
          can_connect_to_business: false,
          has_main_web_app: false,
        },
      },
    });
    expect(await api(server, 'getMe', {}, { token: '42:wrong' })).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    expect(await api(server, 'sendTelepathy')).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: 'Not Found' },
    });
    // method names are case-insensitive, and GET with a query string works, as on Telegram
    const viaGet = await fetch(`${server.url}/bot${server.token}/getme?x=1`);
    expect(((await viaGet.json()) as Envelope<{ username: string }>).result?.username).toBe('railsewa_test_bot');
  });

  it('holds a long poll until an update arrives, with the shape telegraf needs for commands', async () => {
    const started = Date.now();
    const poll = api<Update[]>(server, 'getUpdates', { timeout: 20 });
    await server.waitFor(() => server.callsOf('getUpdates').length === 1);

    const sent = server.sendText(asha, '/status RS-1042');
    const { status, body } = await poll;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(status).toBe(200);
    expect(body.result).toEqual([
      {
        update_id: sent.updateId,
        message: {
          message_id: sent.messageId,
          from: { id: 501, is_bot: false, first_name: 'Asha', username: 'asha_travels', language_code: 'hi' },
          chat: { id: 501, first_name: 'Asha', username: 'asha_travels', type: 'private' },
          date: expect.any(Number),
          text: '/status RS-1042',
          entities: [{ type: 'bot_command', offset: 0, length: 7 }],
        },
      },
    ]);
  });

  it('returns an empty list when the long poll times out', async () => {
    const started = Date.now();
    const { body } = await api<Update[]>(server, 'getUpdates', { timeout: 1 });
    expect(body).toEqual({ ok: true, result: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('forgets updates below the offset for good, and honours limit', async () => {
    const first = server.sendText(asha, 'AC not working in B2');
    server.sendText(asha, 'still not working');
    const third = server.sendText(asha, 'please help');
    expect(third.updateId).toBe(first.updateId + 2);

    const limited = await api<Update[]>(server, 'getUpdates', { limit: 2 });
    expect(limited.body.result?.map((u) => u.update_id)).toEqual([first.updateId, first.updateId + 1]);
    // not confirmed yet: the same updates come again
    const again = await api<Update[]>(server, 'getUpdates', {});
    expect(again.body.result?.map((u) => u.update_id)).toEqual([first.updateId, first.updateId + 1, third.updateId]);

    const confirmed = await api<Update[]>(server, 'getUpdates', { offset: first.updateId + 2 });
    expect(confirmed.body.result?.map((u) => u.update_id)).toEqual([third.updateId]);
    // asking from an older offset again does not bring the confirmed ones back
    const older = await api<Update[]>(server, 'getUpdates', { offset: first.updateId });
    expect(older.body.result?.map((u) => u.update_id)).toEqual([third.updateId]);
    expect((await api<Update[]>(server, 'getUpdates', { offset: third.updateId + 1 })).body.result).toEqual([]);
    expect((await api<Update[]>(server, 'getUpdates', {})).body.result).toEqual([]);
  });

  it('tells a superseded long poll that another getUpdates took over', async () => {
    const older = api<Update[]>(server, 'getUpdates', { timeout: 20 });
    await server.waitFor(() => server.callsOf('getUpdates').length === 1);
    const newer = api<Update[]>(server, 'getUpdates', { timeout: 20 });
    expect((await older).body).toEqual({
      ok: false,
      error_code: 409,
      description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    });
    server.sendText(asha, 'hello');
    expect((await newer).body.result).toHaveLength(1);
  });

  it('delivers sendMessage to a known chat and records it', async () => {
    const incoming = server.sendText(asha, 'Coach S4 toilet is dirty');
    const { status, body } = await api<TgMessage>(server, 'sendMessage', {
      chat_id: asha.id,
      text: 'Complaint <b>RS-1042</b> received. Use /status RS-1042',
      parse_mode: 'HTML',
      reply_parameters: { message_id: incoming.messageId },
    });
    expect(status).toBe(200);
    expect(body.result).toEqual({
      message_id: incoming.messageId + 1,
      from: { id: server.bot.id, is_bot: true, first_name: 'RailSewa', username: 'railsewa_test_bot' },
      chat: { id: 501, first_name: 'Asha', username: 'asha_travels', type: 'private' },
      date: expect.any(Number),
      reply_to_message: expect.objectContaining({ message_id: incoming.messageId, text: 'Coach S4 toilet is dirty' }),
      text: 'Complaint RS-1042 received. Use /status RS-1042',
      entities: [
        { type: 'bold', offset: 10, length: 7 },
        { type: 'bot_command', offset: 32, length: 7 },
      ],
    });
    expect(server.sentTo(asha.id)).toEqual([
      expect.objectContaining({
        chatId: 501,
        text: 'Complaint RS-1042 received. Use /status RS-1042',
        parseMode: 'HTML',
        replyToMessageId: incoming.messageId,
      }),
    ]);
  });

  it('rejects what Telegram rejects, with its descriptions', async () => {
    server.sendText(asha, 'hi');
    const bad = async (body: Record<string, unknown>) => (await api(server, 'sendMessage', body)).body.description;
    expect(await bad({ text: 'hi' })).toBe('Bad Request: chat_id is empty');
    expect(await bad({ chat_id: asha.id })).toBe('Bad Request: message text is empty');
    expect(await bad({ chat_id: asha.id, text: '   ' })).toBe('Bad Request: message text is empty');
    expect(await bad({ chat_id: asha.id, text: 'x'.repeat(4097) })).toBe('Bad Request: message is too long');
    expect(await bad({ chat_id: 777, text: 'hello' })).toBe('Bad Request: chat not found');
    expect(await bad({ chat_id: asha.id, text: 'delay < 5 min', parse_mode: 'HTML' })).toBe(
      'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 6',
    );
    expect(await bad({ chat_id: asha.id, text: 'Ref RS-1.', parse_mode: 'MarkdownV2' })).toBe(
      "Bad Request: can't parse entities: Character '-' is reserved and must be escaped with the preceding '\\'",
    );
    expect(await bad({ chat_id: asha.id, text: 'ok', reply_to_message_id: 999 })).toBe(
      'Bad Request: message to be replied not found',
    );
    const chatNotFound = await api(server, 'sendMessage', { chat_id: 777, text: 'hello' });
    expect(chatNotFound).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
    });
    expect((await api(server, 'sendMessage', { chat_id: asha.id, text: 'x'.repeat(4096) })).status).toBe(200);
    expect(server.sent).toHaveLength(1);

    server.knownChat(778);
    expect((await api(server, 'sendMessage', { chat_id: '778', text: 'after a restart' })).status).toBe(200);
  });

  it('injects 429 with parameters.retry_after, then answers normally', async () => {
    server.sendText(asha, 'hi');
    server.failNext('sendMessage', 1, { code: 429, retryAfter: 2 });
    expect(await api(server, 'sendMessage', { chat_id: asha.id, text: 'one' })).toEqual({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 2',
        parameters: { retry_after: 2 },
      },
    });
    expect(server.sent).toEqual([]);
    expect((await api(server, 'sendMessage', { chat_id: asha.id, text: 'one' })).status).toBe(200);
    expect(server.sentTo(asha.id).map((m) => m.text)).toEqual(['one']);
    expect(server.callsOf('sendMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  it('answers 403 for a passenger who blocked the bot', async () => {
    server.sendText(asha, 'hi');
    server.blockUser(asha.id);
    expect(await api(server, 'sendMessage', { chat_id: asha.id, text: 'your response' })).toEqual({
      status: 403,
      body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
    });
    expect(server.sent).toEqual([]);
    server.failNext('sendMessage', 1, { code: 500 });
    server.unblockUser(asha.id);
    expect((await api(server, 'sendMessage', { chat_id: asha.id, text: 'x' })).body.error_code).toBe(500);
  });

  it('posts updates to the webhook with its secret, retries a failure, refuses getUpdates meanwhile', async () => {
    const receiver = await startReceiver([500]);
    try {
      const set = await api(server, 'setWebhook', { url: receiver.url, secret_token: 'Sewa_secret-1' });
      expect(set.body).toEqual({ ok: true, result: true, description: 'Webhook was set' });

      const sent = server.sendText(asha, 'fan not working');
      await server.waitFor(() => server.webhookDeliveries.some((d) => d.status === 200), 5000, 'a delivered update');
      expect(server.webhookDeliveries.map((d) => [d.updateId, d.status])).toEqual([
        [sent.updateId, 500],
        [sent.updateId, 200],
      ]);
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received[1].headers['x-telegram-bot-api-secret-token']).toBe('Sewa_secret-1');
      expect(receiver.received[1].headers['content-type']).toBe('application/json');
      expect(receiver.received[1].update).toEqual(sent.update);

      expect(await api(server, 'getUpdates')).toEqual({
        status: 409,
        body: {
          ok: false,
          error_code: 409,
          description:
            "Conflict: can't use getUpdates method while webhook is active; " +
            'use deleteWebhook to delete the webhook first',
        },
      });
      const info = await api<Record<string, unknown>>(server, 'getWebhookInfo');
      expect(info.body.result).toMatchObject({
        url: receiver.url,
        has_custom_certificate: false,
        pending_update_count: 0,
        last_error_message: 'Wrong response from the webhook: 500 Internal Server Error',
      });
      expect((await api(server, 'setWebhook', { url: receiver.url, secret_token: 'has:colon' })).body.description).toBe(
        'Bad Request: secret token contains unallowed characters',
      );

      expect((await api(server, 'deleteWebhook')).body).toEqual({
        ok: true,
        result: true,
        description: 'Webhook was deleted',
      });
      server.sendText(asha, 'now polling');
      expect((await api<Update[]>(server, 'getUpdates')).body.result).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('does not deliver a held message whose client hung up, and delivers the held one that waited', async () => {
    server.sendText(asha, 'hi');
    server.holdSends();
    const abort = new AbortController();
    const abandoned = api(server, 'sendMessage', { chat_id: asha.id, text: 'lost' }, { signal: abort.signal });
    const patient = api<TgMessage>(server, 'sendMessage', { chat_id: asha.id, text: 'kept' });
    await server.waitFor(() => server.heldCount === 2);

    abort.abort();
    await expect(abandoned).rejects.toThrow();
    await server.waitFor(() => server.heldCount === 1);
    expect(server.sent).toEqual([]);

    await server.releaseSends();
    expect((await patient).body.result?.text).toBe('kept');
    expect(server.sentTo(asha.id).map((m) => m.text)).toEqual(['kept']);
    expect(server.callsOf('sendMessage').map((c) => c.closed ?? c.status)).toEqual([true, 200]);
  });

  it('serves photos through getFile and the file download path', async () => {
    const photo = server.sendPhoto(asha, 'broken window, coach B2');
    const sizes = photo.update.message?.photo ?? [];
    expect(sizes).toHaveLength(4);
    expect(sizes[3]).toEqual({
      file_id: expect.any(String),
      file_unique_id: expect.any(String),
      file_size: expect.any(Number),
      width: 1280,
      height: 960,
    });
    expect(photo.update.message?.caption).toBe('broken window, coach B2');

    const file = await api<{ file_id: string; file_size: number; file_path: string }>(server, 'getFile', {
      file_id: sizes[3].file_id,
    });
    expect(file.body.result).toMatchObject({
      file_id: sizes[3].file_id,
      file_path: expect.stringMatching(/^photos\//),
    });
    const download = await fetch(`${server.url}/file/bot${server.token}/${file.body.result?.file_path}`);
    expect(download.status).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBe(file.body.result?.file_size);
    expect((await api(server, 'getFile', { file_id: 'nope' })).body.description).toBe('Bad Request: invalid file_id');
  });

  it('builds the other update kinds a passenger can send', async () => {
    const coach = group({ title: 'Train 12951 passengers' });
    const mention = server.sendText(asha, 'fan broken in B3', { chat: coach, mention: true });
    expect(mention.update.message).toMatchObject({
      chat: { id: coach.id, type: 'group', title: 'Train 12951 passengers' },
      text: '@railsewa_test_bot fan broken in B3',
      entities: [{ type: 'mention', offset: 0, length: 18 }],
    });
    expect(coach.id).toBeLessThan(0);

    const original = server.sendText(asha, 'AC broken');
    const edited = server.editText(asha, original.messageId, 'AC broken in coach B2');
    expect(edited.update.edited_message).toMatchObject({
      message_id: original.messageId,
      text: 'AC broken in coach B2',
    });
    expect(edited.update.edited_message?.edit_date).toEqual(expect.any(Number));

    const location = server.sendLocation(asha, 28.6139, 77.209).update.message?.location;
    expect(location).toEqual({ latitude: 28.6139, longitude: 77.209 });
    expect(server.sendSticker(asha).update.message?.sticker).toMatchObject({ type: 'regular', emoji: '👍' });
    expect(server.sendVoice(asha).update.message?.voice).toMatchObject({ mime_type: 'audio/ogg' });
    expect(server.sendVideo(asha).update.message?.video).toMatchObject({ mime_type: 'video/mp4' });
    expect(server.sendDocument(asha).update.message?.document).toMatchObject({ mime_type: 'application/pdf' });

    const ids = (await api<Update[]>(server, 'getUpdates')).body.result?.map((u) => u.update_id) ?? [];
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids).toHaveLength(8);
  });

  it('waitFor rejects with what it waited for', async () => {
    await expect(server.waitFor(() => server.sent.length > 0, 200, 'a reply to Asha')).rejects.toThrow(
      /waitFor: timed out after 200 ms waiting for a reply to Asha \(calls: 0/,
    );
  });

  describe('with an unmodified telegraf bot', () => {
    interface MiniContext {
      reply(text: string): Promise<unknown>;
      sendChatAction(action: string): Promise<unknown>;
      replyWithPhoto(photo: { source: Buffer }, extra: { caption: string; parse_mode: string }): Promise<unknown>;
    }
    interface MiniBot {
      telegram: { setWebhook(url: string, extra: { secret_token: string }): Promise<unknown> };
      start(handler: (ctx: MiniContext) => Promise<unknown>): void;
      on(type: 'message', handler: (ctx: MiniContext) => Promise<unknown>): void;
      launch(onLaunch: () => void): Promise<void>;
      stop(reason?: string): void;
      webhookCallback(path: string, opts: { secretToken: string }): http.RequestListener;
    }
    const telegrafIt = it;
    const newBot = async (): Promise<MiniBot> =>
      new Telegraf(server.token, { telegram: { apiRoot: server.url } }) as unknown as MiniBot;

    telegrafIt('runs it by long polling', async () => {
      const bot = await newBot();
      bot.start((ctx) => ctx.reply('Welcome to RailSewa'));
      let launched = false;
      void bot.launch(() => (launched = true)).catch(() => undefined);
      try {
        await server.waitFor(() => launched, 10_000, 'the bot to launch');
        server.sendText(asha, '/start');
        await server.waitFor(() => server.sentTo(asha.id).length === 1, 10_000, 'the welcome message');
        expect(server.sentTo(asha.id)[0].text).toBe('Welcome to RailSewa');
        expect(server.callsOf('deleteWebhook')).toHaveLength(1);
      } finally {
        bot.stop('test over');
      }
      // stopping confirms the handled update, so a restarted bot does not see it again
      await server.waitFor(() => server.pendingUpdates.length === 0, 5000, 'the offset to be synced');
    });

    telegrafIt('serves its webhook: secret checked, a reply in the webhook answer, a multipart upload', async () => {
      const bot = await newBot();
      bot.on('message', async (ctx) => {
        await ctx.sendChatAction('typing');
        const caption = { caption: 'Coach <b>B2</b>', parse_mode: 'HTML' };
        await ctx.replyWithPhoto({ source: Buffer.from('not really a jpeg') }, caption);
      });
      const hook = http.createServer(bot.webhookCallback('/hook', { secretToken: 'Sewa_secret' }));
      await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
      const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
      try {
        await bot.telegram.setWebhook(hookUrl, { secret_token: 'Sewa_secret' });
        server.sendText(asha, 'photo of the coach please');
        await server.waitFor(() => server.sentTo(asha.id).length === 1, 10_000, 'the photo');
        const [photo] = server.sentTo(asha.id);
        expect(photo).toMatchObject({ method: 'sendPhoto', type: 'photo', text: 'Coach B2' });
        expect(photo.message.photo?.[3].file_size).toBe('not really a jpeg'.length);
        expect(photo.message.caption_entities).toEqual([{ type: 'bold', offset: 6, length: 2 }]);
        expect(server.callsOf('sendChatAction')).toEqual([expect.objectContaining({ viaWebhook: true, status: 200 })]);

        // a webhook set with another secret is refused by the bot: retried, then dropped, nothing sent
        await bot.telegram.setWebhook(hookUrl, { secret_token: 'Not_the_secret' });
        const refused = server.sendText(asha, 'second');
        const attempts = () => server.webhookDeliveries.filter((d) => d.updateId === refused.updateId);
        await server.waitFor(() => attempts().length === 3);
        expect(attempts().map((d) => d.status)).toEqual([403, 403, 403]);
        await server.waitFor(() => server.pendingUpdates.length === 0);
        expect(server.sentTo(asha.id)).toHaveLength(1);
      } finally {
        await new Promise<void>((resolve) => hook.close(() => resolve()));
      }
    });
  });
});
