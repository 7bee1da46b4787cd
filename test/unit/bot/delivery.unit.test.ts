import { TelegramError, type Telegram } from 'telegraf';
import { sendWithRetries, type DeliveryDeps } from '../../../src/bot/delivery';
import { silentLogger } from '../../../src/logger';

/** A fake Telegram whose sendMessage answers with the scripted errors, then succeeds. */
const telegramFailing = (errors: TelegramError[]) => {
  const calls: number[] = [];
  const telegram = {
    sendMessage: async (chatId: number) => {
      calls.push(chatId);
      const error = errors.shift();
      if (error) throw error;
      return { message_id: 500 + calls.length };
    },
  } as unknown as Telegram;
  return { telegram, calls };
};

const tgError = (code: number, description: string, retryAfter?: number) =>
  new TelegramError({ error_code: code, description, parameters: retryAfter ? { retry_after: retryAfter } : undefined });

const depsWith = (telegram: Telegram, waits: number[]): DeliveryDeps =>
  ({ telegram, logger: silentLogger(), sleep: async (ms: number) => void waits.push(ms), maxAttempts: 4 }) as unknown as DeliveryDeps;

describe('sendWithRetries', () => {
  it('waits retry_after seconds on 429 and does not count it as a failed attempt', async () => {
    const waits: number[] = [];
    const { telegram, calls } = telegramFailing([tgError(429, 'Too Many Requests: retry after 3', 3)]);
    const outcome = await sendWithRetries(depsWith(telegram, waits), 42, 'hi');
    expect(outcome).toEqual({ delivered: true, messageId: 502, attempts: 1 });
    expect(waits).toEqual([3000]);
    expect(calls).toEqual([42, 42]);
  });

  it('gives up at once when the bot is blocked (403) or the chat is unknown (400)', async () => {
    for (const error of [tgError(403, 'Forbidden: bot was blocked by the user'), tgError(400, 'Bad Request: chat not found')]) {
      const waits: number[] = [];
      const { telegram, calls } = telegramFailing([error]);
      const outcome = await sendWithRetries(depsWith(telegram, waits), 7, 'hi');
      expect(outcome).toEqual({ delivered: false, reason: error.description, errorCode: error.code, attempts: 1 });
      expect(calls).toHaveLength(1);
      expect(waits).toEqual([]);
    }
  });

  it('retries other failures with growing backoff, then reports giving up', async () => {
    const waits: number[] = [];
    const { telegram, calls } = telegramFailing(Array.from({ length: 10 }, () => tgError(502, 'Bad Gateway')));
    const outcome = await sendWithRetries(depsWith(telegram, waits), 7, 'hi');
    expect(outcome).toMatchObject({ delivered: false, errorCode: 502, attempts: 4 });
    expect(outcome.delivered === false && outcome.reason).toMatch(/gave up after 4 attempts: Bad Gateway/);
    expect(calls).toHaveLength(4);
    expect(waits).toEqual([500, 1000, 2000]);
  });
});
