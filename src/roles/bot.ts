import type { Router } from 'express';
import type { Telegraf } from 'telegraf';
import { classifierFor } from '../classify';
import { createTelegramBot, launchBot, webhookRouter, type BotSettings } from '../bot/bot';
import { startResponseDelivery } from '../bot/delivery';
import type { Subscription } from '../eventlog/event-log';
import type { Runtime } from '../runtime';
import { commandDeps } from './command-deps';

export interface BotRole {
  bot: Telegraf;
  /** the webhook route, to be served by the read API, when webhook mode is on */
  router?: Router;
  /** starts receiving updates and delivering responses */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The Telegram bot role: the passenger conversation and the delivery of responses. Null without a token. */
export const createBotRole = (runtime: Runtime): BotRole | null => {
  const { token, apiRoot, webhookUrl, webhookSecret, ratePerMinute } = runtime.config.telegram;
  if (!token) return null;
  const settings: BotSettings = { token, apiRoot, webhookUrl, webhookSecret, ratePerMinute };
  const commands = commandDeps(runtime);
  const { bot, state } = createTelegramBot(settings, { commands, store: runtime.store, classify: classifierFor(runtime.config.classifierModel), logger: runtime.logger });
  let delivery: Subscription | undefined;
  return {
    bot,
    router: webhookUrl ? webhookRouter(bot, settings).router : undefined,
    start: async () => {
      await launchBot(bot, settings, runtime.logger);
      delivery = await startResponseDelivery({ ...commands, telegram: bot.telegram, state, logger: runtime.logger });
    },
    stop: async () => {
      if (!webhookUrl) {
        try {
          bot.stop('stopping');
        } catch (error) {
          runtime.logger.debug({ err: error }, 'bot was not polling');
        }
      }
      await delivery?.stop();
    },
  };
};
