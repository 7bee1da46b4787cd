/**
 * A Telegram Bot API server of our own, for tests of the bot.
 *
 * It speaks the HTTP protocol of https://core.telegram.org/bots/api: `POST /bot<token>/<method>` (or GET with a
 * query string) with a JSON, form or multipart body, answering `{"ok":true,"result":...}` or the error envelope
 * `{"ok":false,"error_code":N,"description":"...","parameters":{...}}` with the same HTTP status; and
 * `GET /file/bot<token>/<file_path>` for downloads of files that `getFile` describes. A telegraf bot runs against
 * it unmodified through `telegram: { apiRoot: server.url }`.
 *
 * Tests play the passengers (`sendText`, `sendPhoto`, ... enqueue updates), read what the bot delivered (`sent`,
 * `sentTo`, `calls`) and inject faults (`failNext`, `blockUser`, `holdSends`).
 *
 * Where it departs from Telegram, on purpose: a webhook may be plain http on any port; updates go to a webhook one
 * at a time; retries of a failing webhook are quick and few; there are no flood limits unless injected.
 */
import http from 'node:http';
import { randomBytes, randomInt } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';

// ---------------------------------------------------------------------------------------------------------------
// Telegram objects, as they are on the wire

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface BotUser extends TgUser {
  can_join_groups: boolean;
  can_read_all_group_messages: boolean;
  supports_inline_queries: boolean;
  can_connect_to_business: boolean;
  has_main_web_app: boolean;
}

export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

/** A passenger, in the shape of a Telegram `User`. */
export type TestUser = TgUser;
export type TestChat = TgChat;

export interface MessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

export interface PhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size: number;
}

export interface Sticker {
  file_id: string;
  file_unique_id: string;
  type: 'regular';
  width: number;
  height: number;
  is_animated: boolean;
  is_video: boolean;
  emoji?: string;
  file_size: number;
}

export interface Voice {
  file_id: string;
  file_unique_id: string;
  duration: number;
  mime_type: string;
  file_size: number;
}

export interface Video {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  duration: number;
  mime_type: string;
  file_size: number;
}

export interface Document {
  file_id: string;
  file_unique_id: string;
  file_name: string;
  mime_type: string;
  file_size: number;
}

export interface TgMessage {
  message_id: number;
  from?: TgUser;
  chat: TgChat;
  date: number;
  edit_date?: number;
  reply_to_message?: TgMessage;
  text?: string;
  entities?: MessageEntity[];
  caption?: string;
  caption_entities?: MessageEntity[];
  photo?: PhotoSize[];
  sticker?: Sticker;
  voice?: Voice;
  video?: Video;
  document?: Document;
  location?: { latitude: number; longitude: number };
  reply_markup?: unknown;
}

export interface CallbackQuery {
  id: string;
  from: TgUser;
  message?: TgMessage;
  chat_instance: string;
  data?: string;
}

export interface Update {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  callback_query?: CallbackQuery;
  [type: string]: unknown;
}

/** The `File` object of `getFile`. */
export interface TgFile {
  file_id: string;
  file_unique_id: string;
  file_size: number;
  file_path: string;
}

// ---------------------------------------------------------------------------------------------------------------
// What the server records, and how tests steer it

/** One API request, as the bot made it. `status` is set once it was answered; `closed` if the bot hung up first. */
export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
  status?: number;
  closed?: boolean;
  /** true for a method the bot answered a webhook request with */
  viaWebhook?: boolean;
}

/** A message the API answered for, i.e. one that reached the chat. */
export interface SentMessage {
  method: string;
  /** 'text' for sendMessage, else the media: 'photo', 'document', ... */
  type: string;
  chatId: number;
  messageId: number;
  /** the text (or caption) as the passenger sees it: markup parsed away, trimmed */
  text: string;
  parseMode?: string;
  entities: MessageEntity[];
  replyToMessageId?: number;
  replyMarkup?: unknown;
  at: number;
  message: TgMessage;
}

export interface WebhookDelivery {
  updateId: number;
  url: string;
  /** HTTP status of the webhook's answer; null when there was none (connection refused, timeout) */
  status: number | null;
  secretToken?: string;
  error?: string;
  at: number;
}

/** An injected failure; `ECONNRESET` drops the connection without an answer. */
export type Fault =
  | { code: 429; retryAfter: number }
  | { code: 403; description?: string }
  | { code: 400; description: string }
  | { code: 500 | 502; description?: string }
  | { code: 'ECONNRESET' };

export interface StartOptions {
  /** `<bot id>:<secret>`; default random, in Telegram's format */
  token?: string;
  botUsername?: string;
  botName?: string;
  /** update_id of the first update; default a random 9-digit number, as Telegram's are */
  firstUpdateId?: number;
  /**
   * Telegram's group privacy mode: in groups only commands, mentions of the bot and replies to it are delivered.
   * Default off (getMe reports can_read_all_group_messages: true), so the bot's own filtering is what tests see.
   */
  groupPrivacy?: boolean;
  /** attempts per update to a failing webhook before it is dropped (default 3) */
  webhookAttempts?: number;
  /** delay before the first retry of a webhook, doubled each time (default 100 ms) */
  webhookRetryDelayMs?: number;
  /** how long a webhook may take to answer (default 10 s) */
  webhookTimeoutMs?: number;
}

export interface MessageOptions {
  /** default: the passenger's private chat with the bot */
  chat?: TestChat;
  /** message_id this message replies to (in the same chat) */
  replyTo?: number;
  /** explicit entities; by default they are detected as Telegram does (bot_command, mention, hashtag, url) */
  entities?: MessageEntity[];
  /** prefix the text with `@<bot username> `, as a group member addressing the bot does */
  mention?: boolean;
}

/** What a test helper enqueued. */
export interface Incoming {
  update: Update;
  updateId: number;
  messageId: number;
  chatId: number;
  /** false when Telegram would not have delivered it (allowed_updates, group privacy) */
  queued: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Passengers and groups

const DEFAULT_HIDDEN_UPDATES = ['chat_member', 'message_reaction', 'message_reaction_count'];

export function user(
  id: number,
  opts: { firstName?: string; lastName?: string; username?: string; languageCode?: string } = {},
): TestUser {
  const u: TestUser = { id, is_bot: false, first_name: opts.firstName ?? `Passenger${id}` };
  if (opts.lastName) u.last_name = opts.lastName;
  if (opts.username) u.username = opts.username;
  u.language_code = opts.languageCode ?? 'en';
  return u;
}

let groupSequence = 0;

/** A group chat (negative id, as in the Bot API); `supergroup` gives a -100… id. */
export function group(opts: { id?: number; title?: string; supergroup?: boolean } = {}): TestChat {
  groupSequence += 1;
  const id = opts.id ?? (opts.supergroup ? -1_001_000_000_000 - groupSequence : -4_000_000_000 - groupSequence);
  return { id, title: opts.title ?? `Coach group ${groupSequence}`, type: opts.supergroup ? 'supergroup' : 'group' };
}

export function privateChat(u: TgUser): TestChat {
  const chat: TestChat = { id: u.id, first_name: u.first_name, type: 'private' };
  if (u.last_name) chat.last_name = u.last_name;
  if (u.username) chat.username = u.username;
  return chat;
}

// ---------------------------------------------------------------------------------------------------------------
// Errors and request parameters

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
  }
}

const badRequest = (what: string) => new ApiError(400, `Bad Request: ${what}`);

type Params = Record<string, unknown>;

/** A file that came in a multipart request. */
interface Upload {
  upload: true;
  filename: string;
  contentType: string;
  content: Buffer;
}

const isUpload = (v: unknown): v is Upload => typeof v === 'object' && v !== null && (v as Upload).upload === true;

const str = (p: Params, key: string): string | undefined => {
  const v = p[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
};

const int = (p: Params, key: string): number | undefined => {
  const v = p[key];
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return undefined;
};

const flag = (p: Params, key: string): boolean => {
  const v = p[key];
  return v === true || v === 1 || v === 'true' || v === '1';
};

/** A JSON-serialized parameter (form and multipart bodies carry objects as JSON strings). */
const json = (p: Params, key: string): unknown => {
  const v = p[key];
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return undefined;
  }
};

const stringList = (p: Params, key: string): string[] | undefined => {
  const v = json(p, key);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
};

// ---------------------------------------------------------------------------------------------------------------
// Text formatting: parse_mode, trimming, and the entities Telegram detects by itself

interface Formatted {
  text: string;
  entities: MessageEntity[];
}

class MarkupError extends Error {}

const byteOffset = (s: string, index: number) => Buffer.byteLength(s.slice(0, index));
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

const sortEntities = (entities: MessageEntity[]) =>
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);

/** `&lt;`, `&gt;`, `&amp;`, `&quot;` and numeric references, `;` optional; anything else stays literal. */
function decodeHtmlReference(src: string, at: number): { char: string; end: number } | undefined {
  let end = at + 1;
  let codePoint = 0;
  if (src[end] === '#') {
    end += 1;
    const hex = src[end] === 'x';
    if (hex) end += 1;
    const digits = hex ? /[0-9a-fA-F]/ : /[0-9]/;
    const start = end;
    while (end < src.length && digits.test(src[end])) end += 1;
    codePoint = end > start ? parseInt(src.slice(start, end), hex ? 16 : 10) : 0;
    if (codePoint === 0 || codePoint >= 0x10ffff || end - at >= 10) return undefined;
  } else {
    while (end < src.length && /[A-Za-z]/.test(src[end])) end += 1;
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
    const char = named[src.slice(at + 1, end)];
    if (char === undefined) return undefined;
    codePoint = char.codePointAt(0) ?? 0;
  }
  return { char: String.fromCodePoint(codePoint), end: src[end] === ';' ? end + 1 : end };
}

const HTML_TAGS = new Set([
  'a', 'b', 'strong', 'i', 'em', 's', 'strike', 'del', 'u', 'ins', 'tg-spoiler', 'tg-emoji', 'span', 'pre', 'code',
  'blockquote',
]);

const isHttpUrl = (url: string) => {
  try {
    const parsed = new URL(/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `http://${url}`);
    if (parsed.protocol === 'tg:') return true;
    return ['http:', 'https:'].includes(parsed.protocol) && parsed.hostname.includes('.');
  } catch {
    return false;
  }
};

/** Telegram's HTML parse mode, with its error messages (byte offsets into the UTF-8 text). */
function parseHtml(src: string): Formatted {
  let out = '';
  const entities: MessageEntity[] = [];
  const open: { tag: string; attrs: Record<string, string>; offset: number }[] = [];
  const fail = (message: string): never => {
    throw new MarkupError(message);
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '&') {
      const ref = decodeHtmlReference(src, i);
      if (ref) {
        out += ref.char;
        i = ref.end;
        continue;
      }
    }
    if (c !== '<') {
      out += c;
      i += 1;
      continue;
    }
    const begin = i;
    i += 1;
    if (src[i] !== '/') {
      while (i < src.length && !isSpace(src[i]) && src[i] !== '>') i += 1;
      if (i >= src.length) fail(`Unclosed start tag at byte offset ${byteOffset(src, begin)}`);
      const tag = src.slice(begin + 1, i).toLowerCase();
      if (!HTML_TAGS.has(tag)) fail(`Unsupported start tag "${tag}" at byte offset ${byteOffset(src, begin)}`);
      const attrs: Record<string, string> = {};
      while (src[i] !== '>') {
        while (i < src.length && isSpace(src[i])) i += 1;
        if (src[i] === '>') break;
        const nameStart = i;
        while (i < src.length && !isSpace(src[i]) && !'=>/"\''.includes(src[i])) i += 1;
        const name = src.slice(nameStart, i).toLowerCase();
        if (!name) fail(`Empty attribute name in the tag "${tag}" at byte offset ${byteOffset(src, begin)}`);
        while (i < src.length && isSpace(src[i])) i += 1;
        if (i >= src.length) fail(`Unclosed start tag "${tag}" at byte offset ${byteOffset(src, begin)}`);
        if (src[i] !== '=') {
          attrs[name] = '';
          continue;
        }
        i += 1;
        while (i < src.length && isSpace(src[i])) i += 1;
        if (i >= src.length) fail(`Unclosed start tag "${tag}" at byte offset ${byteOffset(src, begin)}`);
        let value = '';
        if (src[i] === '"' || src[i] === "'") {
          const quote = src[i];
          i += 1;
          while (i < src.length && src[i] !== quote) {
            const ref = src[i] === '&' ? decodeHtmlReference(src, i) : undefined;
            if (ref) {
              value += ref.char;
              i = ref.end;
            } else {
              value += src[i];
              i += 1;
            }
          }
          if (src[i] === quote) i += 1;
        } else {
          const tokenStart = i;
          while (i < src.length && /[A-Za-z0-9.-]/.test(src[i])) i += 1;
          value = src.slice(tokenStart, i).toLowerCase();
          if (i < src.length && !isSpace(src[i]) && src[i] !== '>') {
            fail(`Unexpected end of name token at byte offset ${byteOffset(src, tokenStart)}`);
          }
        }
        if (i >= src.length) fail(`Unclosed start tag at byte offset ${byteOffset(src, begin)}`);
        attrs[name] = value;
      }
      i += 1;
      if (tag === 'span' && attrs.class !== 'tg-spoiler') {
        fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(src, begin)}`);
      }
      open.push({ tag, attrs, offset: out.length });
      continue;
    }
    const top = open[open.length - 1];
    if (!top) fail(`Unexpected end tag at byte offset ${byteOffset(src, begin)}`);
    while (i < src.length && !isSpace(src[i]) && src[i] !== '>') i += 1;
    const name = src.slice(begin + 2, i).toLowerCase();
    while (i < src.length && isSpace(src[i])) i += 1;
    if (src[i] !== '>') fail(`Unclosed end tag at byte offset ${byteOffset(src, begin)}`);
    if (name && name !== top.tag) {
      fail(`Unmatched end tag at byte offset ${byteOffset(src, begin)}, expected "</${top.tag}>", found "</${name}>"`);
    }
    i += 1;
    open.pop();
    const length = out.length - top.offset;
    if (length > 0) {
      const entity = htmlEntity(top.tag, top.attrs, top.offset, length, out.slice(top.offset));
      if (entity) entities.push(entity);
    }
  }
  const unclosed = open[open.length - 1];
  if (unclosed) fail(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return { text: out, entities: mergePreCode(entities) };
}

function htmlEntity(
  tag: string,
  attrs: Record<string, string>,
  offset: number,
  length: number,
  inner: string,
): MessageEntity | undefined {
  const simple: Record<string, string> = {
    b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline', s: 'strikethrough',
    strike: 'strikethrough', del: 'strikethrough', 'tg-spoiler': 'spoiler', span: 'spoiler', pre: 'pre',
  };
  if (simple[tag]) return { type: simple[tag], offset, length };
  if (tag === 'code') {
    const language = attrs.class?.startsWith('language-') ? attrs.class.slice('language-'.length) : undefined;
    return language ? { type: 'code', offset, length, language } : { type: 'code', offset, length };
  }
  if (tag === 'blockquote') {
    return { type: 'expandable' in attrs ? 'expandable_blockquote' : 'blockquote', offset, length };
  }
  if (tag === 'tg-emoji') {
    if (!/^\d+$/.test(attrs['emoji-id'] ?? '')) throw new MarkupError('Invalid custom emoji identifier specified');
    return { type: 'custom_emoji', offset, length, custom_emoji_id: attrs['emoji-id'] };
  }
  const url = attrs.href || inner;
  return isHttpUrl(url) ? { type: 'text_link', offset, length, url } : undefined;
}

/** `<pre><code class="language-x">` is one pre entity with a language. */
function mergePreCode(entities: MessageEntity[]): MessageEntity[] {
  const merged: MessageEntity[] = [];
  for (const e of sortEntities(entities)) {
    const previous = merged[merged.length - 1];
    if (previous?.type === 'pre' && e.type === 'code' && previous.offset === e.offset && previous.length === e.length) {
      if (e.language) previous.language = e.language;
      continue;
    }
    if (e.type === 'code' && e.language) delete e.language;
    merged.push(e);
  }
  return merged;
}

const MARKDOWN_V2_RESERVED = '_*[]()~`>#+-=|{}.!';
const MARKDOWN_V2_NAMES: Record<string, string> = {
  bold: 'Bold', italic: 'Italic', underline: 'Underline', strikethrough: 'Strikethrough', spoiler: 'Spoiler',
  code: 'Code', pre: 'Pre', text_link: 'TextUrl',
};

/** Telegram's MarkdownV2: every reserved character outside an entity must be escaped with `\`. */
function parseMarkdownV2(src: string): Formatted {
  let out = '';
  const entities: MessageEntity[] = [];
  const open: { type: string; marker: string; offset: number; begin: number; language?: string }[] = [];
  let quote: number | undefined;
  const fail = (message: string): never => {
    throw new MarkupError(message);
  };
  const closeQuote = (end: number) => {
    if (quote !== undefined && end > quote) entities.push({ type: 'blockquote', offset: quote, length: end - quote });
    quote = undefined;
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const top = open[open.length - 1];
    const code = src.charCodeAt(i + 1);
    if (c === '\\' && code > 0 && code <= 126) {
      out += src[i + 1];
      i += 2;
      continue;
    }
    if (top?.type === 'code' || top?.type === 'pre') {
      const marker = top.type === 'pre' ? '```' : '`';
      if (src.startsWith(marker, i)) {
        if (out.length > top.offset) {
          const entity: MessageEntity = { type: top.type, offset: top.offset, length: out.length - top.offset };
          if (top.language) entity.language = top.language;
          entities.push(entity);
        }
        open.pop();
        i += marker.length;
      } else {
        out += c;
        i += 1;
      }
      continue;
    }
    const lineStart = i === 0 || src[i - 1] === '\n';
    if (lineStart && quote !== undefined && c !== '>') closeQuote(out.length - 1);
    if (lineStart && c === '>') {
      if (quote === undefined) quote = out.length;
      i += 1;
      continue;
    }
    if (!MARKDOWN_V2_RESERVED.includes(c)) {
      out += c;
      i += 1;
      continue;
    }
    if (c === ']' && top?.type === 'text_link') {
      i += 1;
      let url = '';
      if (src[i] === '(') {
        i += 1;
        while (i < src.length && src[i] !== ')') {
          if (src[i] === '\\' && i + 1 < src.length) i += 1;
          url += src[i];
          i += 1;
        }
        if (i >= src.length) fail(`Can't find end of a URL at byte offset ${byteOffset(src, top.begin)}`);
        i += 1;
      }
      open.pop();
      if (out.length > top.offset && isHttpUrl(url)) {
        entities.push({ type: 'text_link', offset: top.offset, length: out.length - top.offset, url });
      }
      continue;
    }
    let marker: string;
    let type: string;
    if (c === '_' && src[i + 1] === '_') [marker, type] = ['__', 'underline'];
    else if (c === '_') [marker, type] = ['_', 'italic'];
    else if (c === '*') [marker, type] = ['*', 'bold'];
    else if (c === '~') [marker, type] = ['~', 'strikethrough'];
    else if (c === '|' && src[i + 1] === '|') [marker, type] = ['||', 'spoiler'];
    else if (src.startsWith('```', i)) [marker, type] = ['```', 'pre'];
    else if (c === '`') [marker, type] = ['`', 'code'];
    else if (c === '[') [marker, type] = ['[', 'text_link'];
    else return fail(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
    if (top && top.marker === marker) {
      if (out.length > top.offset) entities.push({ type, offset: top.offset, length: out.length - top.offset });
      open.pop();
      i += marker.length;
      continue;
    }
    const begin = i;
    i += marker.length;
    let language: string | undefined;
    if (type === 'pre') {
      const newline = src.indexOf('\n', i);
      const head = newline >= 0 ? src.slice(i, newline) : '';
      if (newline >= 0 && /^[^\s`\\]*$/.test(head)) {
        language = head || undefined;
        i = newline + 1;
      }
    }
    open.push({ type, marker, offset: out.length, begin, language });
  }
  closeQuote(out.length);
  const unclosed = open[open.length - 1];
  if (unclosed) {
    const name = unclosed.type === 'pre' && unclosed.language ? 'PreCode' : MARKDOWN_V2_NAMES[unclosed.type];
    fail(`Can't find end of ${name} entity at byte offset ${byteOffset(src, unclosed.begin)}`);
  }
  return { text: out, entities: sortEntities(entities) };
}

/** Telegram's legacy Markdown: `*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````, `[text](url)`. */
function parseMarkdown(src: string): Formatted {
  let out = '';
  const entities: MessageEntity[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\' && '_*`['.includes(src[i + 1] ?? ' ')) {
      out += src[i + 1];
      i += 2;
      continue;
    }
    if (!'_*`['.includes(c)) {
      out += c;
      i += 1;
      continue;
    }
    const begin = i;
    const pre = src.startsWith('```', i);
    const end = c === '[' ? ']' : c;
    i += pre ? 3 : 1;
    let language: string | undefined;
    if (pre) {
      const head = /^([^\s`]+)\n/.exec(src.slice(i));
      if (head) {
        language = head[1];
        i += head[0].length;
      }
    }
    const offset = out.length;
    while (i < src.length && (pre ? !src.startsWith('```', i) : src[i] !== end)) {
      out += src[i];
      i += 1;
    }
    if (i >= src.length) {
      throw new MarkupError(`Can't find end of the entity starting at byte offset ${byteOffset(src, begin)}`);
    }
    i += pre ? 3 : 1;
    const length = out.length - offset;
    if (c === '[') {
      let url = '';
      if (src[i] === '(') {
        const close = src.indexOf(')', i);
        url = src.slice(i + 1, close < 0 ? src.length : close);
        i = close < 0 ? src.length : close + 1;
      }
      if (length > 0 && isHttpUrl(url)) entities.push({ type: 'text_link', offset, length, url });
    } else if (length > 0) {
      const type = pre ? 'pre' : { '*': 'bold', _: 'italic', '`': 'code' }[c] ?? 'bold';
      entities.push(language ? { type, offset, length, language } : { type, offset, length });
    }
  }
  return { text: out, entities: sortEntities(entities) };
}

/** The entities Telegram finds in any message text: commands, mentions, hashtags, links. */
function detectEntities(text: string, taken: MessageEntity[] = []): MessageEntity[] {
  const patterns: [string, RegExp][] = [
    ['url', /\bhttps?:\/\/[^\s<>"]+[^\s<>".,:;!?)\]'"]/giu],
    ['bot_command', /(?<![\p{L}\p{N}_/])\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\p{L}\p{N}_])/gu],
    ['mention', /(?<![\p{L}\p{N}_@])@[A-Za-z0-9_]{5,32}(?![\p{L}\p{N}_])/gu],
    ['hashtag', /(?<![\p{L}\p{N}_#])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu],
  ];
  const found: MessageEntity[] = [];
  const overlaps = (offset: number, length: number) =>
    [...taken.filter((e) => e.type === 'code' || e.type === 'pre'), ...found].some(
      (e) => offset < e.offset + e.length && e.offset < offset + length,
    );
  for (const [type, pattern] of patterns) {
    for (const match of text.matchAll(pattern)) {
      const offset = match.index ?? 0;
      if (!overlaps(offset, match[0].length)) found.push({ type, offset, length: match[0].length });
    }
  }
  return found;
}

/** The text as Telegram stores it: markup parsed, surrounding whitespace trimmed, entities detected. */
function formatText(raw: string, parseMode: string | undefined, explicit: unknown): Formatted {
  let formatted: Formatted;
  const mode = parseMode?.toLowerCase() ?? '';
  try {
    if (mode === '') {
      const given = Array.isArray(explicit) ? (explicit as MessageEntity[]) : [];
      formatted = { text: raw, entities: given.filter((e) => e && typeof e.type === 'string').map((e) => ({ ...e })) };
    } else if (mode === 'html') formatted = parseHtml(raw);
    else if (mode === 'markdownv2') formatted = parseMarkdownV2(raw);
    else if (mode === 'markdown') formatted = parseMarkdown(raw);
    else throw badRequest('unsupported parse_mode');
  } catch (error) {
    if (error instanceof MarkupError) throw badRequest(`can't parse entities: ${error.message}`);
    throw error;
  }
  const text = formatted.text.trim();
  const lead = formatted.text.length - formatted.text.trimStart().length;
  const entities = formatted.entities
    .map((e) => {
      const start = Math.max(0, e.offset - lead);
      const end = Math.min(text.length, e.offset - lead + e.length);
      return { ...e, offset: start, length: end - start };
    })
    .filter((e) => e.length > 0);
  return { text, entities: sortEntities([...entities, ...detectEntities(text, entities)]) };
}

// ---------------------------------------------------------------------------------------------------------------
// Request bodies

function parseMultipart(body: Buffer, boundary: string): Params {
  const params: Params = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) break;
    const part = body.subarray(partStart + 2, next - 2); // skip the CRLF after the delimiter and before the next
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const content = part.subarray(headerEnd + 4);
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
      if (name !== undefined) {
        params[name] =
          filename !== undefined
            ? ({ upload: true, filename, contentType, content: Buffer.from(content) } satisfies Upload)
            : content.toString('utf8');
      }
    }
    start = next;
  }
  return params;
}

function parseBody(body: Buffer, contentType: string): Params {
  if (body.length === 0) return {};
  const type = contentType.toLowerCase();
  if (type.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SyntaxError('not an object');
    return parsed as Params;
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  }
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    return boundary ? parseMultipart(body, boundary) : {};
  }
  return {};
}

// ---------------------------------------------------------------------------------------------------------------
// The server

interface ChatState {
  chat: TgChat;
  nextMessageId: number;
  messages: Map<number, TgMessage>;
  blocked: boolean;
}

interface StoredFile extends TgFile {
  content?: Buffer;
}

interface CallContext {
  closed: () => boolean;
  onClose: (listener: () => void) => void;
}

interface Answer {
  result: unknown;
  description?: string;
}

interface WaitingPoll {
  wake: () => void;
  conflict: (description: string) => void;
  cancel: () => void;
}

interface Webhook {
  url: string;
  secretToken?: string;
  maxConnections: number;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

type Handler = (p: Params, ctx: CallContext) => Answer | Promise<Answer>;

const ok = (result: unknown, description?: string): Answer => (description ? { result, description } : { result });
const now = () => Math.floor(Date.now() / 1000);
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Methods that put a message into a chat: the ones `holdSends` holds and `blockUser` refuses. */
const SEND_METHODS = new Set(['sendMessage', 'sendPhoto', 'sendDocument', 'sendSticker', 'sendVoice', 'sendVideo']);

const CHAT_ACTIONS = new Set([
  'typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice', 'upload_document',
  'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note',
]);

/** Per media kind: the file_id prefix Telegram uses, where its files live, and the default extension. */
const MEDIA_KINDS = {
  photo: { prefix: 'AgACAgIAAxkBAA', dir: 'photos', ext: 'jpg' },
  document: { prefix: 'BQACAgIAAxkBAA', dir: 'documents', ext: 'pdf' },
  sticker: { prefix: 'CAACAgIAAxkBAA', dir: 'stickers', ext: 'webp' },
  voice: { prefix: 'AwACAgIAAxkBAA', dir: 'voice', ext: 'oga' },
  video: { prefix: 'BAACAgIAAxkBAA', dir: 'videos', ext: 'mp4' },
} as const;
type MediaKind = keyof typeof MEDIA_KINDS;

const randomToken = (length: number) => randomBytes(length).toString('base64url').slice(0, length);

export class BotApiServer {
  /** every API request, in arrival order */
  readonly calls: ApiCall[] = [];
  /** every message the API answered for (delivered to its chat), in order */
  readonly sent: SentMessage[] = [];
  /** every attempt to POST an update to the webhook */
  readonly webhookDeliveries: WebhookDelivery[] = [];
  readonly bot: BotUser;

  private readonly events = new EventEmitter();
  private readonly chats = new Map<number, ChatState>();
  private readonly files = new Map<string, StoredFile>();
  private readonly filesByPath = new Map<string, StoredFile>();
  /** the media object (a PhotoSize[] for photos) a file_id stands for, to send it again */
  private readonly mediaByFileId = new Map<string, { kind: MediaKind; media: unknown }>();
  private readonly callbackQueries = new Set<string>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly commands = new Map<string, unknown[]>();
  private pending: Update[] = [];
  private nextUpdateId: number;
  private allowedUpdates: string[] | undefined;
  private poll: WaitingPoll | undefined;
  private webhook: Webhook | undefined;
  private pumping = false;
  private readonly webhookAbort = new AbortController();
  private holding = false;
  private held: { call: ApiCall; release: () => void }[] = [];
  private fileSequence = 0;
  private stopped = false;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    readonly token: string,
    private readonly options: StartOptions,
  ) {
    const botId = Number(/^(\d+):/.exec(token)?.[1] ?? randomInt(1_000_000_000, 9_000_000_000));
    this.bot = {
      id: botId,
      is_bot: true,
      first_name: options.botName ?? 'RailSewa',
      username: options.botUsername ?? 'railsewa_bot',
      can_join_groups: true,
      can_read_all_group_messages: !options.groupPrivacy,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    };
    this.nextUpdateId = options.firstUpdateId ?? randomInt(100_000_000, 900_000_000);
    this.events.setMaxListeners(0);
  }

  static async start(options: StartOptions = {}): Promise<BotApiServer> {
    const token = options.token ?? `${randomInt(1_000_000_000, 8_000_000_000)}:AA${randomToken(33)}`;
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const api = new BotApiServer(server, `http://127.0.0.1:${port}`, token, options);
    server.on('request', (req, res) => void api.handle(req, res));
    return api;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.poll?.cancel();
    this.webhookAbort.abort();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** The bot as it appears as the sender of its messages. */
  get botAsUser(): TgUser {
    return { id: this.bot.id, is_bot: true, first_name: this.bot.first_name, username: this.bot.username };
  }

  // ------------------------------------------------------------------------------------------------------------
  // Passengers' side: updates

  sendText(from: TestUser, text: string, opts: MessageOptions = {}): Incoming {
    const full = opts.mention ? `@${this.bot.username} ${text}` : text;
    return this.incoming(from, opts, { text: full, entities: opts.entities ?? detectEntities(full) });
  }

  sendLocation(from: TestUser, latitude: number, longitude: number, opts: MessageOptions = {}): Incoming {
    return this.incoming(from, opts, { location: { latitude, longitude } });
  }

  /** A photo in the four sizes Telegram makes; each size's file_id works with getFile. */
  sendPhoto(from: TestUser, caption?: string, opts: MessageOptions = {}): Incoming {
    return this.incoming(from, opts, { photo: this.newPhoto(), ...this.caption(caption) });
  }

  sendSticker(from: TestUser, opts: MessageOptions & { emoji?: string } = {}): Incoming {
    return this.incoming(from, opts, { sticker: this.newMedia('sticker', { emoji: opts.emoji ?? '👍' }) as Sticker });
  }

  sendVoice(from: TestUser, opts: MessageOptions & { duration?: number } = {}): Incoming {
    return this.incoming(from, opts, { voice: this.newMedia('voice', { duration: opts.duration }) as Voice });
  }

  sendVideo(from: TestUser, caption?: string, opts: MessageOptions = {}): Incoming {
    return this.incoming(from, opts, { video: this.newMedia('video', {}) as Video, ...this.caption(caption) });
  }

  sendDocument(
    from: TestUser,
    opts: MessageOptions & { caption?: string; fileName?: string; mimeType?: string } = {},
  ): Incoming {
    const document = this.newMedia('document', { fileName: opts.fileName, mimeType: opts.mimeType }) as Document;
    return this.incoming(from, opts, { document, ...this.caption(opts.caption) });
  }

  /** The passenger edits an earlier text message: an `edited_message` update with the same message_id. */
  editText(from: TestUser, messageId: number, newText: string, opts: { chat?: TestChat } = {}): Incoming {
    const chat = opts.chat ?? privateChat(from);
    const original = this.chats.get(chat.id)?.messages.get(messageId);
    if (!original || original.from?.id !== from.id || original.text === undefined) {
      throw new Error(`editText: chat ${chat.id} has no text message ${messageId} from user ${from.id}`);
    }
    const edited: TgMessage = { ...original, edit_date: now(), text: newText, entities: detectEntities(newText) };
    if (edited.entities?.length === 0) delete edited.entities;
    this.chats.get(chat.id)?.messages.set(messageId, edited);
    return this.enqueue({ edited_message: edited }, edited);
  }

  /** The passenger presses an inline keyboard button under one of the bot's messages. */
  pressButton(from: TestUser, messageId: number, data: string, opts: { chat?: TestChat } = {}): Incoming {
    const chat = opts.chat ?? privateChat(from);
    const message = this.chats.get(chat.id)?.messages.get(messageId);
    if (!message) throw new Error(`pressButton: chat ${chat.id} has no message ${messageId}`);
    const id = String(randomInt(1, 2 ** 47)) + String(randomInt(1000, 9999));
    this.callbackQueries.add(id);
    const query: CallbackQuery = { id, from, message, chat_instance: String(-randomInt(1, 2 ** 47)), data };
    return this.enqueue({ callback_query: query }, message);
  }

  /** Any update, for shapes the helpers do not build; update_id is assigned. */
  sendUpdate(update: Omit<Update, 'update_id'>): Incoming {
    return this.enqueue(update);
  }

  /** Registers a chat the bot may send to without an update from it (e.g. after a restart). */
  knownChat(chatOrId: number | TestChat): TestChat {
    const chat =
      typeof chatOrId === 'number'
        ? chatOrId > 0
          ? privateChat(user(chatOrId))
          : group({ id: chatOrId })
        : chatOrId;
    return this.chatState(chat).chat;
  }

  /** Every message in a chat, both directions, as Telegram holds them (edits applied). */
  history(chatId: number): TgMessage[] {
    return [...(this.chats.get(chatId)?.messages.values() ?? [])];
  }

  get pendingUpdates(): readonly Update[] {
    return this.pending;
  }

  // ------------------------------------------------------------------------------------------------------------
  // Test steering and assertions

  sentTo(chatId: number): SentMessage[] {
    return this.sent.filter((m) => m.chatId === chatId);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method.toLowerCase() === method.toLowerCase());
  }

  /** The next `count` calls of `method` fail with `error` (before anything else is checked). */
  failNext(method: string, count: number, error: Fault): void {
    const queue = this.faults.get(method.toLowerCase()) ?? [];
    for (let n = 0; n < count; n++) queue.push(error);
    this.faults.set(method.toLowerCase(), queue);
  }

  /** The passenger blocked the bot: every message to the chat is refused with 403. */
  blockUser(chatId: number): void {
    this.chatState(this.knownChat(chatId)).blocked = true;
  }

  unblockUser(chatId: number): void {
    const state = this.chats.get(chatId);
    if (state) state.blocked = false;
  }

  /**
   * From now on, message-sending requests are accepted but not answered. A held request whose connection closes
   * before `releaseSends` is not delivered: a message reaches its chat exactly when the API answered it.
   */
  holdSends(): void {
    this.holding = true;
  }

  /** Answers (and records) the held requests; resolves once each of them was answered. */
  async releaseSends(): Promise<void> {
    this.holding = false;
    const released = this.held.splice(0);
    for (const { release } of released) release();
    await this.waitFor(
      () => released.every(({ call }) => call.status !== undefined || call.closed),
      10_000,
      'released sends to be answered',
    );
  }

  /** How many send requests are being held right now. */
  get heldCount(): number {
    return this.held.length;
  }

  /**
   * Resolves once `predicate()` is true. It is checked on every server event (a call, an answer, a delivery, an
   * update) and every 50 ms for conditions outside the server; rejects with what was awaited on timeout.
   */
  waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000, what?: string): Promise<void> {
    return new Promise((resolve, reject) => {
      let done = false;
      let checking = false;
      let again = false;
      const finish = (error?: unknown) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearInterval(ticker);
        this.events.off('change', check);
        if (error === undefined) resolve();
        else reject(error instanceof Error ? error : new Error(String(error)));
      };
      const check = async () => {
        if (done) return;
        if (checking) {
          again = true;
          return;
        }
        checking = true;
        try {
          do {
            again = false;
            if (await predicate()) return finish();
          } while (again && !done);
        } catch (error) {
          finish(error);
        } finally {
          checking = false;
        }
      };
      const timer = setTimeout(() => {
        const awaited = what ?? predicate.toString().replace(/\s+/g, ' ');
        finish(new Error(`waitFor: timed out after ${timeoutMs} ms waiting for ${awaited} (${this.summary()})`));
      }, timeoutMs);
      const ticker = setInterval(() => void check(), 50);
      this.events.on('change', check);
      void check();
    });
  }

  /** One line on the server's state, for failure messages. */
  summary(): string {
    const last = this.calls[this.calls.length - 1];
    const lastCall = last ? `${last.method} → ${last.status ?? (last.closed ? 'closed' : 'pending')}` : 'none';
    return (
      `calls: ${this.calls.length} (last ${lastCall}), sent: ${this.sent.length}, ` +
      `pending updates: ${this.pending.length}, held: ${this.held.length}, webhook: ${this.webhook?.url ?? 'none'}, ` +
      `webhook deliveries: ${this.webhookDeliveries.length}`
    );
  }

  // ------------------------------------------------------------------------------------------------------------
  // HTTP

  private changed(): void {
    this.events.emit('change');
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body: Buffer;
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      body = Buffer.concat(chunks);
    } catch {
      return; // the client went away mid-request
    }
    const url = new URL(req.url ?? '/', this.url);
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file && (req.method === 'GET' || req.method === 'HEAD')) return this.download(res, file[1], file[2]);
    const api = /^\/bot([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
    if (!api) return this.reply(res, new ApiError(404, 'Not Found'));
    let params: Params;
    try {
      params = { ...Object.fromEntries(url.searchParams), ...parseBody(body, req.headers['content-type'] ?? '') };
    } catch {
      return this.reply(res, badRequest("can't parse JSON object"));
    }
    delete params.method; // telegraf puts it into multipart bodies
    await this.call(res, decodeURIComponent(api[1]), api[2], params);
  }

  private async call(res: http.ServerResponse, token: string, name: string, params: Params): Promise<void> {
    if (token !== this.token) return this.reply(res, new ApiError(401, 'Unauthorized'));
    const method = this.methodName(name);
    if (!method) return this.reply(res, new ApiError(404, 'Not Found'));
    const call: ApiCall = { method, body: params, at: Date.now() };
    this.calls.push(call);
    this.changed();

    let closed = false;
    const closeListeners: (() => void)[] = [];
    res.on('close', () => {
      if (res.writableEnded) return;
      closed = true;
      call.closed = true;
      for (const listener of closeListeners) listener();
      this.changed();
    });
    const ctx: CallContext = { closed: () => closed, onClose: (listener) => closeListeners.push(listener) };

    if (this.holding && SEND_METHODS.has(method)) {
      const released = await new Promise<boolean>((resolve) => {
        const entry = { call, release: () => resolve(true) };
        this.held.push(entry);
        ctx.onClose(() => {
          this.held = this.held.filter((e) => e !== entry);
          resolve(false);
        });
        this.changed();
      });
      if (!released || closed) return; // the bot hung up: nothing was delivered
    }

    const fault = this.takeFault(method);
    if (fault?.code === 'ECONNRESET') {
      res.socket?.destroy();
      return;
    }
    let answer: Answer | ApiError;
    try {
      if (fault) throw this.faultError(fault);
      answer = await this.handlers[method](params, ctx);
    } catch (error) {
      answer = error instanceof ApiError ? error : new ApiError(500, 'Internal Server Error');
    }
    if (closed) return;
    call.status = answer instanceof ApiError ? answer.code : 200;
    this.reply(res, answer);
    this.changed();
  }

  private reply(res: http.ServerResponse, answer: Answer | ApiError): void {
    if (res.writableEnded || res.destroyed) return;
    const status = answer instanceof ApiError ? answer.code : 200;
    const payload =
      answer instanceof ApiError
        ? {
            ok: false,
            error_code: answer.code,
            description: answer.description,
            ...(answer.parameters ? { parameters: answer.parameters } : {}),
          }
        : { ok: true, result: answer.result, ...(answer.description ? { description: answer.description } : {}) };
    const json = JSON.stringify(payload);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  }

  private download(res: http.ServerResponse, token: string, filePath: string): void {
    if (token !== this.token) return this.reply(res, new ApiError(401, 'Unauthorized'));
    const file = this.filesByPath.get(decodeURIComponent(filePath));
    if (!file) return this.reply(res, new ApiError(404, 'Not Found'));
    file.content ??= randomBytes(file.file_size);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.content.length });
    res.end(file.content);
  }

  private methodName(name: string): string | undefined {
    return Object.keys(this.handlers).find((m) => m.toLowerCase() === name.toLowerCase());
  }

  private takeFault(method: string): Fault | undefined {
    return this.faults.get(method.toLowerCase())?.shift();
  }

  private faultError(fault: Exclude<Fault, { code: 'ECONNRESET' }>): ApiError {
    switch (fault.code) {
      case 429:
        return new ApiError(429, `Too Many Requests: retry after ${fault.retryAfter}`, {
          retry_after: fault.retryAfter,
        });
      case 403:
        return new ApiError(403, fault.description ?? 'Forbidden: bot was blocked by the user');
      case 400:
        return new ApiError(400, fault.description);
      default:
        return new ApiError(
          fault.code,
          fault.description ?? (fault.code === 500 ? 'Internal Server Error' : 'Bad Gateway'),
        );
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Updates: queue, getUpdates, webhook

  private incoming(from: TestUser, opts: MessageOptions, content: Partial<TgMessage>): Incoming {
    const state = this.chatState(opts.chat ?? privateChat(from));
    const message: TgMessage = { message_id: state.nextMessageId++, from, chat: state.chat, date: now() };
    if (opts.replyTo !== undefined) {
      const target = state.messages.get(opts.replyTo);
      if (!target) throw new Error(`chat ${state.chat.id} has no message ${opts.replyTo} to reply to`);
      message.reply_to_message = withoutReply(target);
    }
    Object.assign(message, content);
    if (message.entities?.length === 0) delete message.entities;
    if (message.caption_entities?.length === 0) delete message.caption_entities;
    state.messages.set(message.message_id, message);
    return this.enqueue({ message }, message);
  }

  private enqueue(body: Omit<Update, 'update_id'>, message?: TgMessage): Incoming {
    const update: Update = { update_id: this.nextUpdateId++, ...body };
    const type = Object.keys(body)[0] ?? 'message';
    const queued = this.isAllowed(type) && (message === undefined || this.passesPrivacy(message));
    if (queued) {
      this.pending.push(update);
      setImmediate(() => {
        this.poll?.wake();
        void this.pumpWebhook();
      });
      this.changed();
    }
    return {
      update,
      updateId: update.update_id,
      messageId: message?.message_id ?? 0,
      chatId: message?.chat.id ?? 0,
      queued,
    };
  }

  private isAllowed(type: string): boolean {
    const allowed = this.allowedUpdates;
    if (!allowed || allowed.length === 0) return !DEFAULT_HIDDEN_UPDATES.includes(type);
    return allowed.includes(type);
  }

  private passesPrivacy(message: TgMessage): boolean {
    if (!this.options.groupPrivacy || message.chat.type === 'private') return true;
    const text = message.text ?? message.caption ?? '';
    const entities = message.entities ?? message.caption_entities ?? [];
    const command = entities.some((e) => e.type === 'bot_command');
    const mention = text.toLowerCase().includes(`@${this.bot.username}`.toLowerCase());
    return command || mention || message.reply_to_message?.from?.id === this.bot.id;
  }

  /** Telegram's confirmation: an offset forgets every update below it; a negative one keeps only the last -offset. */
  private confirm(offset: number): void {
    if (offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.pending = this.pending.slice(offset);
  }

  private getUpdates(p: Params, ctx: CallContext): Answer | Promise<Answer> {
    if (this.webhook) {
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    const limit = Math.min(100, Math.max(1, int(p, 'limit') ?? 100));
    const timeout = Math.max(0, int(p, 'timeout') ?? 0);
    const allowed = stringList(p, 'allowed_updates');
    if (allowed !== undefined) this.allowedUpdates = allowed;
    this.confirm(int(p, 'offset') ?? 0);
    this.changed();
    this.poll?.conflict(
      'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    );
    if (this.pending.length > 0 || timeout === 0) return ok(this.pending.slice(0, limit));

    return new Promise<Answer>((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        if (this.poll === poll) this.poll = undefined;
        settle();
      };
      const poll: WaitingPoll = {
        wake: () => {
          if (this.pending.length > 0) finish(() => resolve(ok(this.pending.slice(0, limit))));
        },
        conflict: (description) => finish(() => reject(new ApiError(409, description))),
        cancel: () => finish(() => resolve(ok([]))),
      };
      const timer = setTimeout(() => finish(() => resolve(ok([]))), timeout * 1000);
      timer.unref();
      this.poll = poll;
      ctx.onClose(() => poll.cancel());
    });
  }

  private setWebhook(p: Params): Answer {
    const url = str(p, 'url') ?? '';
    if (url === '') return this.removeWebhook(flag(p, 'drop_pending_updates'));
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest('invalid webhook URL specified');
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    }
    const secretToken = str(p, 'secret_token');
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
      throw badRequest('secret token contains unallowed characters');
    }
    const maxConnections = int(p, 'max_connections') ?? 40;
    if (maxConnections < 1 || maxConnections > 100) throw badRequest('bad webhook: max_connections must be in 1..100');
    const allowed = stringList(p, 'allowed_updates');
    if (allowed !== undefined) this.allowedUpdates = allowed;
    if (flag(p, 'drop_pending_updates')) this.pending = [];
    const same = this.webhook?.url === url && this.webhook.secretToken === secretToken;
    this.webhook = same && this.webhook ? this.webhook : { url, secretToken, maxConnections };
    this.poll?.conflict('Conflict: terminated by setWebhook request');
    void this.pumpWebhook();
    return ok(true, same ? 'Webhook is already set' : 'Webhook was set');
  }

  private removeWebhook(dropPending: boolean): Answer {
    const had = this.webhook !== undefined;
    this.webhook = undefined;
    if (dropPending) this.pending = [];
    return ok(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
  }

  private webhookInfo(): Answer {
    const info: Record<string, unknown> = {
      url: this.webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.pending.length,
    };
    if (this.webhook) {
      info.max_connections = this.webhook.maxConnections;
      if (this.webhook.lastErrorDate !== undefined) {
        info.last_error_date = this.webhook.lastErrorDate;
        info.last_error_message = this.webhook.lastErrorMessage;
      }
      if (this.allowedUpdates) info.allowed_updates = this.allowedUpdates;
    }
    return ok(info);
  }

  /** Delivers pending updates to the webhook, one at a time and in order. */
  private async pumpWebhook(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.stopped && this.webhook && this.pending.length > 0) {
        const hook = this.webhook;
        const update = this.pending[0];
        const outcome = await this.deliver(hook, update);
        if (outcome !== 'kept') this.pending = this.pending.filter((u) => u !== update);
        this.changed();
      }
    } finally {
      this.pumping = false;
    }
  }

  /** 'delivered'; 'dropped' after the last failed attempt (Telegram gives up too); 'kept' if the webhook went away. */
  private async deliver(hook: Webhook, update: Update): Promise<'delivered' | 'dropped' | 'kept'> {
    const attempts = this.options.webhookAttempts ?? 3;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (this.stopped || this.webhook !== hook) return 'kept';
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (hook.secretToken) headers['x-telegram-bot-api-secret-token'] = hook.secretToken;
      const delivery: WebhookDelivery = { updateId: update.update_id, url: hook.url, status: null, at: Date.now() };
      if (hook.secretToken) delivery.secretToken = hook.secretToken;
      try {
        const response = await fetch(hook.url, {
          method: 'POST',
          headers,
          body: JSON.stringify(update),
          signal: AbortSignal.any([
            this.webhookAbort.signal,
            AbortSignal.timeout(this.options.webhookTimeoutMs ?? 10_000),
          ]),
        });
        delivery.status = response.status;
        const text = await response.text();
        this.webhookDeliveries.push(delivery);
        if (response.ok) {
          this.webhookReply(text, response.headers.get('content-type') ?? '');
          return 'delivered';
        }
        hook.lastErrorMessage = `Wrong response from the webhook: ${response.status} ${response.statusText}`;
      } catch (error) {
        if (this.stopped) return 'kept';
        delivery.error = error instanceof Error ? error.message : String(error);
        this.webhookDeliveries.push(delivery);
        hook.lastErrorMessage = /timeout/i.test(delivery.error) ? 'Read timeout expired' : 'Connection refused';
      }
      hook.lastErrorDate = now();
      this.changed();
      if (attempt < attempts) await delay((this.options.webhookRetryDelayMs ?? 100) * 2 ** (attempt - 1));
    }
    return 'dropped';
  }

  /** A webhook may answer with a method call in its response body, which Telegram then performs. */
  private webhookReply(text: string, contentType: string): void {
    if (!contentType.includes('application/json') || text.trim() === '') return;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof body !== 'object' || body === null || typeof (body as Params).method !== 'string') return;
    const { method: name, ...params } = body as Params;
    const method = this.methodName(String(name));
    if (!method) return;
    const call: ApiCall = { method, body: params, at: Date.now(), viaWebhook: true };
    this.calls.push(call);
    const ctx: CallContext = { closed: () => false, onClose: () => undefined };
    Promise.resolve()
      .then(() => this.handlers[method](params, ctx))
      .then(
        () => (call.status = 200),
        (error: unknown) => (call.status = error instanceof ApiError ? error.code : 500),
      )
      .finally(() => this.changed());
  }

  // ------------------------------------------------------------------------------------------------------------
  // Chats, messages and files

  private chatState(chat: TgChat): ChatState {
    let state = this.chats.get(chat.id);
    if (!state) {
      state = { chat, nextMessageId: 1, messages: new Map(), blocked: false };
      this.chats.set(chat.id, state);
    }
    return state;
  }

  private resolveChat(p: Params): ChatState {
    requireChatId(p);
    const raw = p.chat_id;
    let state: ChatState | undefined;
    if (typeof raw === 'string' && raw.startsWith('@')) {
      state = [...this.chats.values()].find((s) => s.chat.username?.toLowerCase() === raw.slice(1).toLowerCase());
    } else {
      const id = int(p, 'chat_id');
      state = id === undefined ? undefined : this.chats.get(id);
    }
    if (!state) throw badRequest('chat not found');
    return state;
  }

  private checkBlocked(state: ChatState): void {
    if (!state.blocked) return;
    const description =
      state.chat.type === 'private'
        ? 'Forbidden: bot was blocked by the user'
        : 'Forbidden: bot was kicked from the group chat';
    throw new ApiError(403, description);
  }

  private replyTarget(state: ChatState, p: Params): TgMessage | undefined {
    const parameters = json(p, 'reply_parameters') as
      | { message_id?: number; allow_sending_without_reply?: boolean }
      | undefined;
    const id = parameters?.message_id ?? int(p, 'reply_to_message_id');
    if (id === undefined) return undefined;
    const target = state.messages.get(id);
    if (target) return target;
    if (parameters?.allow_sending_without_reply ?? flag(p, 'allow_sending_without_reply')) return undefined;
    throw badRequest('message to be replied not found');
  }

  /** Stores a message from the bot in its chat and records it as delivered. */
  private deliverFromBot(
    method: string,
    type: string,
    state: ChatState,
    p: Params,
    content: Partial<TgMessage>,
    formatted: Formatted,
  ): TgMessage {
    const replyTo = this.replyTarget(state, p);
    const message: TgMessage = {
      message_id: state.nextMessageId++,
      from: this.botAsUser,
      chat: state.chat,
      date: now(),
    };
    if (replyTo) message.reply_to_message = withoutReply(replyTo);
    Object.assign(message, content);
    const markup = json(p, 'reply_markup');
    if (typeof markup === 'object' && markup !== null && 'inline_keyboard' in markup) message.reply_markup = markup;
    state.messages.set(message.message_id, message);
    const record: SentMessage = {
      method,
      type,
      chatId: state.chat.id,
      messageId: message.message_id,
      text: formatted.text,
      entities: formatted.entities,
      at: Date.now(),
      message,
    };
    const parseMode = str(p, 'parse_mode');
    if (parseMode) record.parseMode = parseMode;
    if (replyTo) record.replyToMessageId = replyTo.message_id;
    if (markup !== undefined) record.replyMarkup = markup;
    this.sent.push(record);
    this.changed();
    return message;
  }

  private caption(caption: string | undefined): Partial<TgMessage> {
    if (caption === undefined) return {};
    const entities = detectEntities(caption);
    return entities.length > 0 ? { caption, caption_entities: entities } : { caption };
  }

  private newFile(kind: MediaKind, size: number, content?: Buffer, ext?: string): StoredFile {
    this.fileSequence += 1;
    const spec = MEDIA_KINDS[kind];
    const file: StoredFile = {
      file_id: `${spec.prefix}${randomToken(54)}`,
      file_unique_id: `AQAD${randomToken(12)}`,
      file_size: size,
      file_path: `${spec.dir}/file_${this.fileSequence}.${ext ?? spec.ext}`,
      content,
    };
    this.files.set(file.file_id, file);
    this.filesByPath.set(file.file_path, file);
    return file;
  }

  private newPhoto(upload?: Upload): PhotoSize[] {
    const sizes: [number, number][] = [[90, 68], [320, 240], [800, 600], [1280, 960]];
    const photo = sizes.map(([width, height], n) => {
      const last = n === sizes.length - 1;
      const size = last && upload ? upload.content.length : Math.round((width * height) / 12);
      const file = this.newFile('photo', size, last ? upload?.content : undefined);
      return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: size, width, height };
    });
    for (const size of photo) this.mediaByFileId.set(size.file_id, { kind: 'photo', media: photo });
    return photo;
  }

  private newMedia(
    kind: Exclude<MediaKind, 'photo'>,
    opts: { emoji?: string; duration?: number; fileName?: string; mimeType?: string; upload?: Upload },
  ): Sticker | Voice | Video | Document {
    const typicalSize = { sticker: 24_000, voice: 9_000, video: 350_000, document: 48_000 }[kind];
    const size = opts.upload?.content.length ?? typicalSize;
    const ext = opts.fileName?.split('.').pop();
    const file = this.newFile(kind, size, opts.upload?.content, kind === 'document' ? ext : undefined);
    const ids = { file_id: file.file_id, file_unique_id: file.file_unique_id };
    let media: Sticker | Voice | Video | Document;
    if (kind === 'sticker') {
      media = {
        ...ids,
        type: 'regular',
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        emoji: opts.emoji,
        file_size: size,
      };
    } else if (kind === 'voice') {
      media = { ...ids, duration: opts.duration ?? 4, mime_type: 'audio/ogg', file_size: size };
    } else if (kind === 'video') {
      const duration = opts.duration ?? 6;
      media = { ...ids, width: 640, height: 360, duration, mime_type: 'video/mp4', file_size: size };
    } else {
      media = {
        ...ids,
        file_name: opts.fileName ?? opts.upload?.filename ?? `file_${this.fileSequence}.pdf`,
        mime_type: opts.mimeType ?? (opts.upload ? opts.upload.contentType : 'application/pdf'),
        file_size: size,
      };
    }
    this.mediaByFileId.set(file.file_id, { kind, media });
    return media;
  }

  // ------------------------------------------------------------------------------------------------------------
  // Bot API methods

  private readonly handlers: Record<string, Handler> = {
    getMe: () => ok(this.bot),
    logOut: () => ok(true),
    close: () => ok(true),

    getUpdates: (p, ctx) => this.getUpdates(p, ctx),
    setWebhook: (p) => this.setWebhook(p),
    deleteWebhook: (p) => this.removeWebhook(flag(p, 'drop_pending_updates')),
    getWebhookInfo: () => this.webhookInfo(),

    sendMessage: (p) => {
      requireChatId(p);
      const raw = str(p, 'text');
      if (!raw) throw badRequest('message text is empty');
      const formatted = formatText(raw, str(p, 'parse_mode'), json(p, 'entities'));
      const state = this.resolveChat(p);
      this.checkBlocked(state);
      if (formatted.text.length === 0) throw badRequest('message text is empty');
      if (formatted.text.length > 4096) throw badRequest('message is too long');
      const content: Partial<TgMessage> = { text: formatted.text };
      if (formatted.entities.length > 0) content.entities = formatted.entities;
      return ok(this.deliverFromBot('sendMessage', 'text', state, p, content, formatted));
    },
    sendPhoto: (p) => this.sendMedia('sendPhoto', 'photo', p),
    sendDocument: (p) => this.sendMedia('sendDocument', 'document', p),
    sendSticker: (p) => this.sendMedia('sendSticker', 'sticker', p),
    sendVoice: (p) => this.sendMedia('sendVoice', 'voice', p),
    sendVideo: (p) => this.sendMedia('sendVideo', 'video', p),

    sendChatAction: (p) => {
      const state = this.resolveChat(p);
      if (!CHAT_ACTIONS.has(str(p, 'action') ?? '')) throw badRequest('wrong parameter action in request');
      this.checkBlocked(state);
      return ok(true);
    },

    editMessageText: (p) => {
      const state = this.resolveChat(p);
      const messageId = int(p, 'message_id');
      if (messageId === undefined) throw badRequest('message identifier is not specified');
      const raw = str(p, 'text');
      if (!raw) throw badRequest('message text is empty');
      const formatted = formatText(raw, str(p, 'parse_mode'), json(p, 'entities'));
      const message = state.messages.get(messageId);
      if (!message) throw badRequest('message to edit not found');
      if (message.from?.id !== this.bot.id || message.text === undefined) throw badRequest("message can't be edited");
      const markup = json(p, 'reply_markup');
      if (message.text === formatted.text && JSON.stringify(message.reply_markup) === JSON.stringify(markup)) {
        throw badRequest(
          'message is not modified: specified new message content and reply markup are exactly the same as ' +
            'a current content and reply markup of the message',
        );
      }
      const edited: TgMessage = { ...message, edit_date: now(), text: formatted.text, entities: formatted.entities };
      if (formatted.entities.length === 0) delete edited.entities;
      if (typeof markup === 'object' && markup !== null && 'inline_keyboard' in markup) edited.reply_markup = markup;
      else delete edited.reply_markup;
      state.messages.set(messageId, edited);
      return ok(edited);
    },

    deleteMessage: (p) => {
      const state = this.resolveChat(p);
      const messageId = int(p, 'message_id');
      if (messageId === undefined || !state.messages.delete(messageId)) throw badRequest('message to delete not found');
      return ok(true);
    },

    answerCallbackQuery: (p) => {
      const id = str(p, 'callback_query_id') ?? '';
      if (!this.callbackQueries.delete(id)) {
        throw badRequest('query is too old and response timeout expired or query ID is invalid');
      }
      return ok(true);
    },

    setMyCommands: (p) => {
      const commands = json(p, 'commands');
      if (!Array.isArray(commands)) throw badRequest('parameter "commands" is required');
      for (const c of commands as { command?: unknown; description?: unknown }[]) {
        if (typeof c?.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) {
          throw badRequest('BOT_COMMAND_INVALID');
        }
        if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) {
          throw badRequest('command description must be non-empty');
        }
      }
      this.commands.set(this.commandsKey(p), commands);
      return ok(true);
    },
    getMyCommands: (p) => ok(this.commands.get(this.commandsKey(p)) ?? []),
    deleteMyCommands: (p) => {
      this.commands.delete(this.commandsKey(p));
      return ok(true);
    },
    setMyDescription: () => ok(true),
    setMyShortDescription: () => ok(true),
    setChatMenuButton: () => ok(true),

    getChat: (p) => ok({ ...this.resolveChat(p).chat }),

    getFile: (p) => {
      const fileId = str(p, 'file_id');
      if (!fileId) throw badRequest('file_id is empty');
      const file = this.files.get(fileId);
      if (!file) throw badRequest('invalid file_id');
      return ok({
        file_id: file.file_id,
        file_unique_id: file.file_unique_id,
        file_size: file.file_size,
        file_path: file.file_path,
      } satisfies TgFile);
    },
  };

  private commandsKey(p: Params): string {
    return `${JSON.stringify(json(p, 'scope') ?? { type: 'default' })}|${str(p, 'language_code') ?? ''}`;
  }

  private sendMedia(method: string, kind: MediaKind, p: Params): Answer {
    requireChatId(p);
    const input = p[kind];
    if (input === undefined || input === '') throw badRequest(`there is no ${kind} in the request`);
    const formatted = formatText(str(p, 'caption') ?? '', str(p, 'parse_mode'), json(p, 'caption_entities'));
    const state = this.resolveChat(p);
    this.checkBlocked(state);
    if (formatted.text.length > 1024) throw badRequest('message caption is too long');
    let media: unknown;
    if (isUpload(input)) {
      media = kind === 'photo' ? this.newPhoto(input) : this.newMedia(kind, { upload: input });
    } else if (typeof input === 'string' && this.mediaByFileId.get(input)?.kind === kind) {
      media = this.mediaByFileId.get(input)?.media;
    } else if (typeof input === 'string' && /^https?:\/\//.test(input)) {
      media = kind === 'photo' ? this.newPhoto() : this.newMedia(kind, { fileName: input.split('/').pop() });
    } else {
      throw badRequest('wrong file identifier/HTTP URL specified');
    }
    const content: Partial<TgMessage> = { [kind]: media };
    if (formatted.text) content.caption = formatted.text;
    if (formatted.entities.length > 0) content.caption_entities = formatted.entities;
    return ok(this.deliverFromBot(method, kind, state, p, content, formatted));
  }
}

/** Telegram checks in this order: chat_id given, the text and its markup, then whether the chat exists. */
function requireChatId(p: Params): void {
  if (p.chat_id === undefined || p.chat_id === null || p.chat_id === '') throw badRequest('chat_id is empty');
}

/** Telegram embeds a replied-to message without its own reply_to_message. */
function withoutReply(message: TgMessage): TgMessage {
  const copy = { ...message };
  delete copy.reply_to_message;
  return copy;
}
