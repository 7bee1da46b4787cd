import { groupName } from '../events/topics';
import { TelegramError, type Telegram } from 'telegraf';
import { decideRecordDelivery } from '../commands/complaint';
import type { ResponseGiven } from '../events/complaint';
import { DecodeError } from '../events/codec';
import type { Clock, NewId } from '../events/ids';
import { referenceFor } from '../events/reference';
import type { Subscription } from '../eventlog/event-log';
import type { EventStore } from '../eventlog/event-store';
import type { Logger } from '../logger';
import { metrics } from '../metrics';
import type { BotState } from '../store/bot-state';
import { replies } from './replies';

export const DELIVERY_GROUP = 'railsewa-bot-delivery';

export interface DeliveryDeps {
  events: EventStore;
  telegram: Telegram;
  state: BotState;
  logger: Logger;
  now: Clock;
  newId: NewId;
  /** waits between retries; replaced in tests only to observe the waits */
  sleep?: (ms: number) => Promise<void>;
  maxAttempts?: number;
}

type Outcome = { delivered: true; messageId: number; attempts: number } | { delivered: false; reason: string; errorCode: number | null; attempts: number };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends one response, honouring 429 retry_after and retrying other transient failures with backoff. A blocked bot
 * (403) or an unknown chat (400) is final.
 */
export const sendWithRetries = async (deps: DeliveryDeps, chatId: number, text: string): Promise<Outcome> => {
  const sleep = deps.sleep ?? realSleep;
  const maxAttempts = deps.maxAttempts ?? 6;
  let attempts = 0;
  let rateLimitWaits = 0;
  for (;;) {
    attempts += 1;
    try {
      const sent = await deps.telegram.sendMessage(chatId, text);
      return { delivered: true, messageId: sent.message_id, attempts };
    } catch (error) {
      if (error instanceof TelegramError) {
        if (error.code === 429 && rateLimitWaits < 20) {
          rateLimitWaits += 1;
          attempts -= 1; // waiting out a rate limit is not a failed attempt
          await sleep(((error.parameters?.retry_after ?? 1) as number) * 1000);
          continue;
        }
        if (error.code === 403 || error.code === 400) {
          return { delivered: false, reason: error.description, errorCode: error.code, attempts };
        }
      }
      const reason = error instanceof TelegramError ? error.description : (error as Error).message;
      if (attempts >= maxAttempts) {
        return { delivered: false, reason: `gave up after ${attempts} attempts: ${reason}`, errorCode: error instanceof TelegramError ? error.code : null, attempts };
      }
      deps.logger.warn({ chatId, attempts, reason }, 'response delivery failed; retrying');
      await sleep(Math.min(30_000, 500 * 2 ** (attempts - 1)));
    }
  }
};

/**
 * The outcome is recorded before its event is appended: after a crash in between, the recorded outcome is appended
 * again (same event id, so projections ignore a repeat) instead of the message being sent again.
 */
const deliver = async (deps: DeliveryDeps, response: ResponseGiven): Promise<void> => {
  const { responseId, complaintId, chatId } = response.data;
  if (chatId === null) return; // a web or legacy complaint: no chat to deliver to
  const recorded = await deps.state.delivery(responseId);
  let outcome: Outcome;
  if (recorded) {
    outcome =
      recorded.status === 'delivered'
        ? { delivered: true, messageId: Number(recorded.detail), attempts: recorded.attempts }
        : { delivered: false, reason: recorded.detail ?? 'not delivered', errorCode: recorded.error_code, attempts: recorded.attempts };
  } else {
    outcome = await sendWithRetries(deps, chatId, replies.response(referenceFor(complaintId), response.data.response));
    await deps.state.markDelivery({
      responseId,
      complaintId,
      status: outcome.delivered ? 'delivered' : 'failed',
      attempts: outcome.attempts,
      detail: outcome.delivered ? String(outcome.messageId) : outcome.reason,
      errorCode: outcome.delivered ? null : outcome.errorCode,
    });
    if (!outcome.delivered) deps.logger.warn({ complaintId, reason: outcome.reason }, 'response not delivered');
  }
  const event = decideRecordDelivery(
    {
      type: 'RecordDelivery',
      data: outcome.delivered
        ? { delivered: true, response, chatId, messageId: outcome.messageId }
        : { delivered: false, response, reason: outcome.reason, errorCode: outcome.errorCode },
    },
    deps,
  );
  await deps.events.append([event]);
  metrics.responseDeliveries.inc({ outcome: outcome.delivered ? 'delivered' : 'failed' });
};

/** Delivers every ResponseGiven to the passenger's chat, once, and records the outcome as an event. */
export const startResponseDelivery = (deps: DeliveryDeps): Promise<Subscription> =>
  deps.events.log.subscribe({
    groupId: groupName(deps.events.topics, DELIVERY_GROUP),
    topics: [deps.events.topics.responses],
    fromBeginning: true,
    maxBatchSize: 50,
    eachBatch: async (batch) => {
      for (const message of batch.messages) {
        let event;
        try {
          event = await deps.events.codec.decode(message.value);
        } catch (error) {
          if (error instanceof DecodeError) continue; // dead-lettered by the projector, which reads this topic too
          throw error;
        }
        if (event.type === 'ResponseGiven') await deliver(deps, event);
      }
    },
  });
