import { Composer, type Context } from 'telegraf';
import { message, editedMessage } from 'telegraf/filters';
import { detectLanguage } from '../classify';
import type { Classification } from '../classify/types';
import { amendComplaint, locateComplaint, submitComplaint, type CommandDeps } from '../commands/handlers';
import { MAX_COMPLAINT_LENGTH } from '../commands/complaint';
import { AppError, UnavailableError, ValidationError } from '../errors';
import { referenceFor } from '../events/reference';
import type { Logger } from '../logger';
import { findTweet, latestOpenTweetOfChat, listTweetsOfChat, type StoredTweet } from '../projections/tweets';
import type { RateLimiter } from '../rate-limit';
import type { BotState } from '../store/bot-state';
import type { ReadStore } from '../store/read-store';
import { replies, replyLanguageOf, triageReply, type ComplaintStateText, type ReplyLanguage } from './replies';

export interface ConversationDeps {
  commands: CommandDeps;
  store: ReadStore;
  state: BotState;
  classify: (text: string) => Classification;
  limiter: RateLimiter;
  logger: Logger;
}

const languageOf = (text: string | undefined, ctx: Context): ReplyLanguage => {
  if (text && text.trim()) return replyLanguageOf(detectLanguage(text));
  return ctx.from?.language_code === 'hi' ? 'hi' : 'en';
};

/** The update id is the idempotency key: a redelivered update is recognised, never filed twice. */
const updateKeyOf = (ctx: Context): string => `${ctx.botInfo.id}:${ctx.update.update_id}`;

const stateText = (row: StoredTweet): ComplaintStateText => ({
  reference: row.reference ?? referenceFor(row.tweet_id),
  status: row.status,
  category: row.category,
  emergency: row.prediction === 1,
  response: row.response,
  receivedAt: row.received_at,
});

/**
 * Files a complaint for this update and acknowledges it once the event is durable. The acknowledgement (and, for an
 * emergency, the helplines) is recorded, so a redelivered update after a crash neither files nor acknowledges twice.
 */
const fileComplaint = async (deps: ConversationDeps, ctx: Context, text: string, extra: { photoFileId?: string }) => {
  const chatId = ctx.chat!.id;
  const messageId = ctx.message!.message_id;
  const lang = languageOf(text, ctx);
  const updateKey = updateKeyOf(ctx);
  const prior = await deps.state.findUpdate(updateKey);
  if (prior?.status === 'acknowledged') return;
  if ([...text].length > MAX_COMPLAINT_LENGTH) {
    await ctx.reply(replies.tooLong(lang, MAX_COMPLAINT_LENGTH));
    return;
  }
  if (!prior && !deps.limiter.take(String(ctx.from?.id ?? chatId))) {
    await ctx.reply(replies.rateLimited(lang));
    return;
  }
  const complaintId = prior?.complaint_id ?? `tg-${ctx.botInfo.id}-${ctx.update.update_id}`;
  let filed;
  try {
    filed = await submitComplaint(deps.commands, {
      type: 'SubmitComplaint',
      data: {
        complaintId,
        text,
        source: 'telegram',
        userId: ctx.from?.id ?? null,
        chatId,
        username: ctx.from?.username ?? null,
        firstName: ctx.from?.first_name ?? null,
        lastName: ctx.from?.last_name ?? null,
        messageId,
        photoFileId: extra.photoFileId ?? null,
      },
    });
  } catch (error) {
    if (error instanceof ValidationError) {
      await ctx.reply(replies.empty(lang));
      return;
    }
    if (error instanceof UnavailableError) {
      // Not recorded: the passenger is asked to send it again.
      deps.logger.warn({ err: error, chatId }, 'complaint could not be stored');
      await ctx.reply(replies.storeFailed(lang));
      return;
    }
    throw error;
  }
  const record = { update_key: updateKey, complaint_id: filed.complaintId, chat_id: chatId, message_id: messageId };
  await deps.state.markUpdate({ ...record, status: 'filed' });
  await ctx.reply(replies.acknowledged(lang, filed.reference), { reply_parameters: { message_id: messageId } });
  const helplines = triageReply(lang, deps.classify(text));
  if (helplines) await ctx.reply(helplines);
  await deps.state.markUpdate({ ...record, status: 'acknowledged' });
};

const isGroup = (ctx: Context): boolean => ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup';

/** In groups the bot listens only to commands and to messages that mention it; the mention is removed. */
const groupFilter = (ctx: Context, next: () => Promise<void>) => {
  if (!isGroup(ctx)) return next();
  const msg = ctx.message ?? ctx.editedMessage;
  if (!msg) return undefined;
  const text = 'text' in msg ? msg.text : 'caption' in msg ? (msg.caption ?? '') : '';
  const entities = ('entities' in msg ? msg.entities : 'caption_entities' in msg ? msg.caption_entities : undefined) ?? [];
  const mention = `@${ctx.botInfo.username}`.toLowerCase();
  const isCommand = entities.some((e) => e.type === 'bot_command' && e.offset === 0);
  const mentions = entities.some((e) => e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === mention);
  if (!isCommand && !mentions) return undefined;
  return next();
};

const withoutMention = (ctx: Context, text: string): string =>
  isGroup(ctx) ? text.replace(new RegExp(`@${ctx.botInfo.username}\\b`, 'gi'), '').trim() : text;

export const conversation = (deps: ConversationDeps): Composer<Context> => {
  const bot = new Composer<Context>();
  bot.use(groupFilter);

  bot.start((ctx) => ctx.reply(replies.help()));
  bot.help((ctx) => ctx.reply(replies.help()));

  bot.command('status', async (ctx) => {
    const lang = languageOf(undefined, ctx);
    const reference = ctx.payload.trim().split(/\s+/)[0]?.toUpperCase();
    if (!reference) return ctx.reply(replies.statusUsage(lang));
    const row = await findTweet(deps.store, reference);
    // Only the passenger who filed it may see it: others get the same answer as for an unknown reference.
    if (!row || row.chat_id !== ctx.chat.id) return ctx.reply(replies.statusNotFound(lang, reference));
    return ctx.reply(replies.status(lang, stateText(row)));
  });

  bot.command('mycomplaints', async (ctx) => {
    const rows = await listTweetsOfChat(deps.store, ctx.chat.id, 5);
    return ctx.reply(replies.myComplaints(languageOf(undefined, ctx), rows.map(stateText)));
  });

  bot.on(message('text'), async (ctx) => {
    if (ctx.message.text.startsWith('/')) return ctx.reply(replies.help());
    return fileComplaint(deps, ctx, withoutMention(ctx, ctx.message.text), {});
  });

  bot.on(message('photo'), async (ctx) => {
    const caption = withoutMention(ctx, ctx.message.caption ?? '');
    if (!caption.trim()) return ctx.reply(replies.photoNeedsCaption(languageOf(undefined, ctx)));
    const largest = ctx.message.photo[ctx.message.photo.length - 1];
    return fileComplaint(deps, ctx, caption, { photoFileId: largest.file_id });
  });

  bot.on(message('location'), async (ctx) => {
    const lang = languageOf(undefined, ctx);
    const complaintId = await openComplaintOf(deps, ctx.chat.id);
    if (!complaintId) return ctx.reply(replies.locationNeedsComplaint(lang));
    const { latitude, longitude } = ctx.message.location;
    await locateComplaint(deps.commands, { type: 'LocateComplaint', data: { complaintId, latitude, longitude } });
    return ctx.reply(replies.locationAttached(lang, referenceFor(complaintId)));
  });

  bot.on(editedMessage('text'), async (ctx) => {
    const edited = ctx.editedMessage;
    const lang = languageOf(edited.text, ctx);
    const complaintId = await deps.state.complaintOfMessage(ctx.chat.id, edited.message_id);
    if (!complaintId) return ctx.reply(replies.editUnknown(lang));
    try {
      await amendComplaint(deps.commands, { type: 'AmendComplaint', data: { complaintId, text: withoutMention(ctx, edited.text) } });
    } catch (error) {
      if (error instanceof ValidationError) return ctx.reply(replies.tooLong(lang, MAX_COMPLAINT_LENGTH));
      throw error;
    }
    return ctx.reply(replies.amended(lang, referenceFor(complaintId)));
  });

  // Stickers, voice, video, documents, audio, contacts and anything else that is not text.
  bot.on('message', (ctx) => ctx.reply(replies.unsupported(languageOf(undefined, ctx))));
  return bot;
};

/** The passenger's latest open complaint: the one just filed (maybe not projected yet) or the read model's. */
const openComplaintOf = async (deps: ConversationDeps, chatId: number): Promise<string | null> => {
  const filed = await deps.state.latestComplaintOfChat(chatId);
  if (filed) {
    const row = await findTweet(deps.store, filed);
    if (!row || row.response_status === 0) return filed;
  }
  return (await latestOpenTweetOfChat(deps.store, chatId))?.tweet_id ?? null;
};

/** One place that turns an error into a polite reply. */
export const politeErrorReply = (logger: Logger) => async (error: unknown, ctx: Context) => {
  logger.error({ err: error, updateId: ctx.update.update_id }, 'bot update failed');
  const text = ctx.message && 'text' in ctx.message ? ctx.message.text : undefined;
  const lang = languageOf(text, ctx);
  if (!ctx.chat) return;
  const reply = error instanceof AppError && error.status === 503 ? replies.storeFailed(lang) : replies.failed(lang);
  await ctx.reply(reply).catch((replyError: unknown) => logger.warn({ err: replyError }, 'could not send the error reply'));
};
