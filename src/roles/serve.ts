import { classify } from '../classify';
import { newUuid, systemClock } from '../events/ids';
import type { Subscription } from '../eventlog/event-log';
import type { Runtime } from '../runtime';
import { startApi, type ApiRole } from './api';
import { startClassifier } from './classifier';
import { startTweetsProjector } from './projector';

export interface Serving {
  api: ApiRole;
  stop(): Promise<void>;
}

/** Every role in one process: classifier, projector, read API with live push (and the bot, when configured). */
export const serveAll = async (runtime: Runtime): Promise<Serving> => {
  const api = await startApi(runtime);
  const subscriptions: Subscription[] = [];
  subscriptions.push(
    await startClassifier({ events: runtime.events, classify, now: systemClock, newId: newUuid, logger: runtime.logger }),
  );
  subscriptions.push(
    await startTweetsProjector({
      events: runtime.events,
      store: runtime.store,
      logger: runtime.logger,
      onCommitted: (applied) => api.gateway.changed(applied.rows.map((r) => r.tweet_id)),
    }),
  );
  return {
    api,
    stop: async () => {
      for (const subscription of subscriptions) await subscription.stop();
      await api.stop();
    },
  };
};
