import { BotApiServer, group, user, type TestUser } from '../support/bot-api-server';
import { postJson, startEmbedded, type EmbeddedProduct } from '../support/embedded';
import { findTweet, listTweetsOfChat } from '../../src/projections/tweets';
import { REFERENCE_PATTERN } from '../../src/events/reference';
import { classify } from '../../src/classify';

const REF = /RS-[0-9A-Z]{5}-[0-9A-Z]{5}/;

describe('Telegram bot against a local Bot API server (embedded engines)', () => {
  let telegram: BotApiServer;
  let product: EmbeddedProduct;
  let cookie: string;
  let nextUserId = 5000;
  const newPassenger = (opts: Parameters<typeof user>[1] = {}): TestUser => user(nextUserId++, { firstName: 'Asha', ...opts });

  beforeAll(async () => {
    telegram = await BotApiServer.start({ botUsername: 'railsewa_test_bot' });
    product = await startEmbedded({ TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url, BOT_RATE_PER_MINUTE: '5' });
    cookie = await product.login();
  });
  afterAll(async () => {
    await product?.stop();
    await telegram?.stop();
  });

  const repliesTo = (passenger: TestUser) => telegram.sentTo(passenger.id).map((m) => m.text ?? '');
  const waitForReplies = async (passenger: TestUser, count: number) => {
    await telegram.waitFor(() => telegram.sentTo(passenger.id).length >= count, 10_000, `${count} replies to ${passenger.id}`);
    return repliesTo(passenger);
  };
  const referenceIn = (text: string) => REF.exec(text)?.[0] ?? '';
  const projected = async (reference: string, check: (row: NonNullable<Awaited<ReturnType<typeof findTweet>>>) => boolean = () => true) => {
    await telegram.waitFor(async () => {
      const row = await findTweet(product.runtime.store, reference);
      return row !== null && check(row);
    }, 10_000, `complaint ${reference} projected`);
    return (await findTweet(product.runtime.store, reference))!;
  };

  it('/start and /help explain the bot in English and Hindi', async () => {
    const passenger = newPassenger();
    telegram.sendText(passenger, '/start');
    telegram.sendText(passenger, '/help');
    const [start, help] = await waitForReplies(passenger, 2);
    for (const text of [start, help]) {
      expect(text).toContain('To report');
      expect(text).toContain('शिकायत');
      expect(text).toContain('139');
    }
  });

  it('files a text complaint and acknowledges it with its reference, replying to the message', async () => {
    const passenger = newPassenger({ username: 'asha_k' });
    const text = 'Train 12951 coach B3: AC not working since Kota, PNR 4512791357';
    const { messageId } = telegram.sendText(passenger, text);
    const [ack] = await waitForReplies(passenger, 1);
    const reference = referenceIn(ack);
    expect(reference).toMatch(REFERENCE_PATTERN);
    expect(telegram.sentTo(passenger.id)[0].replyToMessageId).toBe(messageId);
    const row = await projected(reference, (r) => r.prediction !== null);
    expect(row).toMatchObject({ chat_id: passenger.id, user_id: passenger.id, username: 'asha_k', source: 'Telegram', pnr: 4512791357, prediction: 0 });
    // Feedback gets the acknowledgement alone, unless the model wants a person to look (review): then the helplines too.
    const { review } = classify(text);
    await waitForReplies(passenger, review ? 2 : 1);
    expect(repliesTo(passenger)).toHaveLength(review ? 2 : 1);
    if (review) expect(repliesTo(passenger)[1]).toContain('182');
  });

  it('sends the helplines as a second message for an emergency', async () => {
    const passenger = newPassenger();
    telegram.sendText(passenger, 'A man is harassing a girl in coach S4 of train 12802, please help now');
    const [ack, alert] = await waitForReplies(passenger, 2);
    expect(ack).toMatch(REF);
    expect(alert).toContain('139');
    expect(alert).toContain('182');
    expect(alert).toMatch(/alerted/);
  });

  it('answers in Hindi when the passenger writes Hindi or Hinglish', async () => {
    const devanagari = newPassenger();
    telegram.sendText(devanagari, 'ट्रेन 12301 के कोच B2 में खाना बहुत खराब है');
    expect((await waitForReplies(devanagari, 1))[0]).toContain('आपकी शिकायत दर्ज हो गई है');
    const hinglish = newPassenger();
    telegram.sendText(hinglish, 'bhai coach mein pani nahi hai, bahut pareshani ho rahi hai');
    expect((await waitForReplies(hinglish, 1))[0]).toContain('आपकी शिकायत दर्ज हो गई है');
  });

  it('/status shows a complaint only to the passenger who filed it; /mycomplaints lists the last five', async () => {
    const owner = newPassenger();
    const stranger = newPassenger();
    telegram.sendText(owner, 'Coach S7 toilet is very dirty, train 12627');
    const reference = referenceIn((await waitForReplies(owner, 1))[0]);
    await projected(reference, (r) => r.prediction !== null);
    telegram.sendText(owner, `/status ${reference}`);
    expect((await waitForReplies(owner, 2))[1]).toMatch(new RegExp(`${reference}: received, cleanliness`));
    telegram.sendText(stranger, `/status ${reference}`);
    expect((await waitForReplies(stranger, 1))[0]).toContain(`No complaint ${reference} was found`);
    telegram.sendText(owner, '/mycomplaints');
    expect((await waitForReplies(owner, 3))[2]).toContain(reference);
  });

  it('attaches a shared location to the latest open complaint, or asks for the complaint first', async () => {
    const lonely = newPassenger();
    telegram.sendLocation(lonely, 28.61, 77.21);
    expect((await waitForReplies(lonely, 1))[0]).toContain('no open complaint');

    const passenger = newPassenger();
    telegram.sendText(passenger, 'Fan not working in coach B1');
    const reference = referenceIn((await waitForReplies(passenger, 1))[0]);
    telegram.sendLocation(passenger, 28.61, 77.21);
    expect((await waitForReplies(passenger, 2))[1]).toContain(`attached to complaint ${reference}`);
    expect(await projected(reference, (r) => r.latitude !== null)).toMatchObject({ latitude: 28.61, longitude: 77.21 });
  });

  it('files a photo with a caption with its file id; asks for a caption otherwise', async () => {
    const passenger = newPassenger();
    telegram.sendPhoto(passenger);
    expect((await waitForReplies(passenger, 1))[0]).toContain('caption');
    telegram.sendPhoto(passenger, 'Broken window in coach S2, glass on the floor');
    const reference = referenceIn((await waitForReplies(passenger, 2))[1]);
    const row = await projected(reference);
    expect(row.photo_file_id).toEqual(expect.any(String));
    expect(row.tweet).toBe('Broken window in coach S2, glass on the floor');
  });

  it('amends a complaint when the passenger edits the message', async () => {
    const passenger = newPassenger();
    const { messageId } = telegram.sendText(passenger, 'AC not cooling in B4');
    const reference = referenceIn((await waitForReplies(passenger, 1))[0]);
    const original = await projected(reference, (r) => r.classified_event_id !== null);
    telegram.editText(passenger, messageId, 'AC not cooling in B4, and now smoke from the vent');
    expect((await waitForReplies(passenger, 2))[1]).toContain(`${reference} is updated`);
    // The amended text is classified again: a new classification replaces the first one.
    const row = await projected(reference, (r) => r.amended_at !== null && r.classified_event_id !== original.classified_event_id);
    expect(row.tweet).toBe('AC not cooling in B4, and now smoke from the vent');
  });

  it('politely says what it accepts for stickers, voice, video and documents', async () => {
    const passenger = newPassenger();
    telegram.sendSticker(passenger);
    telegram.sendVoice(passenger);
    telegram.sendVideo(passenger);
    telegram.sendDocument(passenger);
    const replies = await waitForReplies(passenger, 4);
    for (const text of replies) expect(text).toContain('I can only read text');
    expect(await listTweetsOfChat(product.runtime.store, passenger.id, 5)).toEqual([]);
  });

  it('in a group, listens only to commands and messages that mention it', async () => {
    const chat = group({ title: 'Coach B3 travellers' });
    const passenger = newPassenger();
    telegram.sendText(passenger, 'is anyone else in B3?', { chat });
    telegram.sendText(passenger, '@railsewa_test_bot water tank empty in coach B3', { chat, mention: true } as never);
    await telegram.waitFor(() => telegram.sentTo(chat.id).length >= 1, 10_000, 'a reply in the group');
    const [ack] = telegram.sentTo(chat.id).map((m) => m.text ?? '');
    const row = await projected(referenceIn(ack));
    expect(row.tweet).toBe('water tank empty in coach B3');
    expect(telegram.sentTo(chat.id)).toHaveLength(1);
  });

  it('limits complaints per passenger per minute, and texts over 4,000 characters', async () => {
    const passenger = newPassenger();
    telegram.sendText(passenger, 'x'.repeat(4001));
    expect((await waitForReplies(passenger, 1))[0]).toContain('under 4000 characters');
    for (let i = 0; i < 6; i++) telegram.sendText(passenger, `Complaint number ${i}: light not working in S${i}`);
    const replies = (await waitForReplies(passenger, 7)).slice(1);
    expect(replies.filter((r) => REF.test(r))).toHaveLength(5);
    expect(replies.filter((r) => r.includes('many complaints'))).toHaveLength(1);
  });

  describe('delivering responses', () => {
    const respond = async (reference: string, response: string) => {
      const res = await postJson(`${product.url}/api/respond`, { tweet_id: reference, response }, cookie);
      expect(res.status).toBe(202);
    };
    const fileOne = async (passenger: TestUser, text: string) => {
      telegram.sendText(passenger, text);
      const reference = referenceIn((await waitForReplies(passenger, 1))[0]);
      await projected(reference);
      return reference;
    };

    it("delivers an admin's response to the passenger's chat and records it", async () => {
      const passenger = newPassenger();
      const reference = await fileOne(passenger, 'No water in coach S9 of 12627');
      await respond(reference, 'Water will be filled at the next station.');
      // Besides the acknowledgement, the classifier's triage may add its own line (the helpline for a review item).
      await telegram.waitFor(() => repliesTo(passenger).some((r) => r.includes('Water will be filled')), 10_000, 'the response');
      const delivered = repliesTo(passenger).filter((r) => r.includes('Water will be filled at the next station.'));
      expect(delivered).toHaveLength(1);
      expect(delivered[0]).toContain(reference);
      expect(await projected(reference, (r) => r.delivery_status !== null)).toMatchObject({ delivery_status: 'delivered' });
    });

    it('honours 429 retry_after and delivers once', async () => {
      const passenger = newPassenger();
      const reference = await fileOne(passenger, 'Bedroll not given in A1');
      telegram.failNext('sendMessage', 1, { code: 429, retryAfter: 1 });
      await respond(reference, 'The attendant is bringing it.');
      await projected(reference, (r) => r.delivery_status === 'delivered');
      expect(repliesTo(passenger).filter((t) => t.includes('The attendant is bringing it.'))).toHaveLength(1);
    });

    it('records a failed delivery when the passenger blocked the bot (403)', async () => {
      const passenger = newPassenger();
      const reference = await fileOne(passenger, 'Charging point broken in B2');
      telegram.blockUser(passenger.id);
      await respond(reference, 'Electrician informed.');
      const row = await projected(reference, (r) => r.delivery_status !== null);
      expect(row).toMatchObject({ delivery_status: 'failed', delivery_error: 'Forbidden: bot was blocked by the user' });
      const tweet = await (await fetch(`${product.url}/api/tweets/${reference}`, { headers: { cookie } })).json();
      expect(tweet).toMatchObject({ delivery_status: 'failed', delivery_error: 'Forbidden: bot was blocked by the user' });
    });

    it('never sends a response twice, across a restart', async () => {
      const passenger = newPassenger();
      const reference = await fileOne(passenger, 'Pantry food cold in 12002');
      await respond(reference, 'Pantry manager informed.');
      await projected(reference, (r) => r.delivery_status === 'delivered');
      const dataDir = product.dataDir;
      await product.serving.stop();
      await product.runtime.close();
      product = await startEmbedded({ TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url }, dataDir);
      cookie = await product.login();
      // A later response from the restarted process proves the delivery consumer has caught up on the topic.
      const other = newPassenger();
      const second = await fileOne(other, 'Lights off in S3');
      await respond(second, 'Fixed.');
      await projected(second, (r) => r.delivery_status === 'delivered');
      expect(repliesTo(passenger).filter((t) => t.includes('Pantry manager informed.'))).toHaveLength(1);
    });
  });
});
