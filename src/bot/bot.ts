import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { Telegraf } from 'telegraf';
import type { Classification } from '../classify/types';
import type { CommandDeps } from '../commands/handlers';
import type { Logger } from '../logger';
import { RateLimiter } from '../rate-limit';
import { jsonError } from '../read-api/errors';
import { BotState } from '../store/bot-state';
import type { ReadStore } from '../store/read-store';
import { conversation, politeErrorReply } from './conversation';

export const ALLOWED_UPDATES = ['message', 'edited_message'] as const;

export interface BotSettings {
  token: string;
  apiRoot: string;
  webhookUrl?: string;
  webhookSecret?: string;
  ratePerMinute: number;
}

export interface BotDeps {
  commands: CommandDeps;
  store: ReadStore;
  classify: (text: string) => Classification;
  logger: Logger;
}

/** Without a configured secret, one derived from the token: stable across restarts and processes. */
export const webhookSecretOf = (settings: BotSettings): string =>
  settings.webhookSecret ?? createHash('sha256').update(`railsewa-webhook:${settings.token}`).digest('hex');

export const createTelegramBot = (settings: BotSettings, deps: BotDeps): { bot: Telegraf; state: BotState } => {
  const bot = new Telegraf(settings.token, {
    telegram: { apiRoot: settings.apiRoot, webhookReply: false },
    handlerTimeout: 60_000,
  });
  const state = new BotState(deps.store);
  bot.use(
    conversation({
      commands: deps.commands,
      store: deps.store,
      state,
      classify: deps.classify,
      limiter: new RateLimiter(settings.ratePerMinute, 60_000),
      logger: deps.logger,
    }),
  );
  bot.catch(politeErrorReply(deps.logger));
  return { bot, state };
};

/** The webhook endpoint on the read API: a request without Telegram's secret-token header gets 401. */
export const webhookRouter = (bot: Telegraf, settings: BotSettings): { path: string; router: Router } => {
  const path = new URL(settings.webhookUrl!).pathname;
  const expected = Buffer.from(webhookSecretOf(settings));
  const router = Router();
  router.post(path, async (req, res) => {
    const given = Buffer.from(String(req.headers['x-telegram-bot-api-secret-token'] ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.status(401).json(jsonError('unauthorized', 'missing or wrong secret token'));
      return;
    }
    if (typeof req.body !== 'object' || req.body === null || typeof req.body.update_id !== 'number') {
      res.status(400).json(jsonError('bad_request', 'not a Telegram update'));
      return;
    }
    await bot.handleUpdate(req.body, res);
  });
  return { path, router };
};

/** Starts receiving updates: long polling by default, or registers the webhook. Resolves once running. */
export const launchBot = async (bot: Telegraf, settings: BotSettings, logger: Logger): Promise<void> => {
  if (settings.webhookUrl) {
    bot.botInfo = await bot.telegram.getMe();
    await bot.telegram.setWebhook(settings.webhookUrl, {
      secret_token: webhookSecretOf(settings),
      allowed_updates: [...ALLOWED_UPDATES],
    });
    logger.info({ username: bot.botInfo.username }, 'telegram bot receiving updates by webhook');
    return;
  }
  await new Promise<void>((resolve, reject) => {
    // In telegraf 4.16 launch() resolves only when polling stops; onLaunch says it has started.
    bot
      .launch({ allowedUpdates: [...ALLOWED_UPDATES] }, () => {
        logger.info({ username: bot.botInfo?.username }, 'telegram bot polling for updates');
        resolve();
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'telegram bot stopped polling');
        reject(error as Error);
      });
  });
};
