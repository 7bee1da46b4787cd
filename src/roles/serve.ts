import { classifierFor } from '../classify';
import { newUuid, systemClock } from '../events/ids';
import type { Subscription } from '../eventlog/event-log';
import type { Runtime } from '../runtime';
import { startApi, type ApiRole } from './api';
import { createBotRole } from './bot';
import { startClassifier } from './classifier';
import { startAnalyticsProjector } from './analytics-projector';
import { startTweetsProjector } from './projector';

export interface Serving {
  api: ApiRole;
  stop(): Promise<void>;
}

/** Every role in one process: classifier, projector, read API with live push (and the bot, when configured). */
export const serveAll = async (runtime: Runtime): Promise<Serving> => {
  const bot = createBotRole(runtime);
  const api = await startApi(runtime, { routers: bot?.router ? [bot.router] : [] });
  const subscriptions: Subscription[] = [];
  subscriptions.push(
    await startClassifier({ events: runtime.events, classify: classifierFor(runtime.config.classifierModel), now: systemClock, newId: newUuid, logger: runtime.logger }),
  );
  subscriptions.push(
    await startTweetsProjector({
      events: runtime.events,
      store: runtime.store,
      logger: runtime.logger,
      onCommitted: (applied) => api.gateway.changed(applied.rows.map((r) => r.tweet_id)),
    }),
  );
  subscriptions.push(
    await startAnalyticsProjector({
      events: runtime.events,
      store: runtime.store,
      logger: runtime.logger,
      onCommitted: () => api.gateway.analyticsChanged(),
    }),
  );
  if (bot) {
    // The dashboard and web intake keep serving when Telegram cannot be reached; the log says why.
    await bot.start().catch((error: unknown) => runtime.logger.error({ err: error }, 'the Telegram bot could not start'));
  } else runtime.logger.info('TELEGRAM_BOT_TOKEN is not set: the Telegram bot is off');
  return {
    api,
    stop: async () => {
      await bot?.stop();
      for (const subscription of subscriptions) await subscription.stop();
      await api.stop();
    },
  };
};
