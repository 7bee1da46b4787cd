import { classifierFor } from '../classify';
import { newUuid, systemClock } from '../events/ids';
import type { Subscription } from '../eventlog/event-log';
import type { Runtime } from '../runtime';
import { startApi, type ApiRole } from './api';
import { createBotRole } from './bot';
import { startClassifier } from './classifier';
import { ANALYTICS_PROJECTION } from '../projections/analytics';
import { TWEETS_PROJECTION } from '../projections/tweets';
import { projectionsNamed, startProjections } from './projections';

export interface Serving {
  api: ApiRole;
  stop(): Promise<void>;
}

/** Every role in one process: classifier, every registered projection, read API with live push (and the bot, when configured). */
export const serveAll = async (runtime: Runtime): Promise<Serving> => {
  const bot = createBotRole(runtime);
  const api = await startApi(runtime, { routers: bot?.router ? [bot.router] : [] });
  const subscriptions: Pick<Subscription, 'stop'>[] = [];
  subscriptions.push(
    await startClassifier({ events: runtime.events, classify: classifierFor(runtime.config.classifierModel), now: systemClock, newId: newUuid, logger: runtime.logger }),
  );
  subscriptions.push(
    await startProjections(
      runtime,
      (projection, complaintIds) => {
        if (projection === TWEETS_PROJECTION.name) api.gateway.changed(complaintIds);
        else if (projection === ANALYTICS_PROJECTION.name) api.gateway.analyticsChanged();
      },
      projectionsNamed(runtime.config.projections),
    ),
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
