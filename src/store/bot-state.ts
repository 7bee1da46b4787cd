import type { ReadStore } from './read-store';

/** The bot's bookkeeping beside the read models: Telegram updates filed and acknowledged, responses delivered. */
export type UpdateStatus = 'filed' | 'acknowledged';

export interface UpdateRecord {
  update_key: string;
  complaint_id: string | null;
  chat_id: number | null;
  message_id: number | null;
  status: UpdateStatus;
}

export type DeliveryStatus = 'delivered' | 'failed';

export interface DeliveryRecord {
  status: DeliveryStatus;
  attempts: number;
  detail: string | null;
  error_code: number | null;
}

export class BotState {
  constructor(private readonly store: ReadStore) {}

  async findUpdate(updateKey: string): Promise<UpdateRecord | null> {
    const rows = await this.store.query<UpdateRecord>(
      'SELECT update_key, complaint_id, chat_id, message_id, status FROM bot_updates WHERE update_key = ?',
      [updateKey],
    );
    return rows[0] ?? null;
  }

  async markUpdate(record: UpdateRecord): Promise<void> {
    await this.store.transaction((tx) =>
      this.store.upsert(tx, {
        table: 'bot_updates',
        columns: ['update_key', 'complaint_id', 'chat_id', 'message_id', 'status', 'updated_at'],
        rows: [[record.update_key, record.complaint_id, record.chat_id, record.message_id, record.status, new Date().toISOString()]],
        key: ['update_key'],
        update: ['complaint_id', 'chat_id', 'message_id', 'status', 'updated_at'],
      }),
    );
  }

  /** The complaint a passenger's message filed (for edits of that message). */
  async complaintOfMessage(chatId: number, messageId: number): Promise<string | null> {
    const rows = await this.store.query<{ complaint_id: string }>(
      'SELECT complaint_id FROM bot_updates WHERE chat_id = ? AND message_id = ? AND complaint_id IS NOT NULL',
      [chatId, messageId],
    );
    return rows[0]?.complaint_id ?? null;
  }

  /** The complaint most recently filed from a chat (it may not be projected yet). */
  async latestComplaintOfChat(chatId: number): Promise<string | null> {
    const rows = await this.store.query<{ complaint_id: string }>(
      'SELECT complaint_id FROM bot_updates WHERE chat_id = ? AND complaint_id IS NOT NULL ORDER BY updated_at DESC LIMIT 1',
      [chatId],
    );
    return rows[0]?.complaint_id ?? null;
  }

  async delivery(responseId: string): Promise<DeliveryRecord | null> {
    const rows = await this.store.query<DeliveryRecord>(
      'SELECT status, attempts, detail, error_code FROM response_deliveries WHERE response_id = ?',
      [responseId],
    );
    const row = rows[0];
    return row ? { ...row, attempts: Number(row.attempts), error_code: row.error_code === null ? null : Number(row.error_code) } : null;
  }

  async markDelivery(d: {
    responseId: string;
    complaintId: string;
    status: DeliveryStatus;
    attempts: number;
    /** the sent message id, or why it was not delivered */
    detail: string;
    errorCode: number | null;
  }): Promise<void> {
    await this.store.transaction((tx) =>
      this.store.upsert(tx, {
        table: 'response_deliveries',
        columns: ['response_id', 'complaint_id', 'status', 'attempts', 'detail', 'error_code', 'updated_at'],
        rows: [[d.responseId, d.complaintId, d.status, d.attempts, d.detail, d.errorCode, new Date().toISOString()]],
        key: ['response_id'],
        update: ['status', 'attempts', 'detail', 'error_code', 'updated_at'],
      }),
    );
  }
}
