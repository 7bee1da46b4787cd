import path from 'node:path';
import Database from 'better-sqlite3';
import { BotApiServer, user, type TestUser } from '../support/bot-api-server';
import { startServe, type ServeProcess } from '../support/serve-process';
import { tempDir } from '../support/temp';

const UPDATES = 500;
const REF = /RS-[0-9A-Z]{5}-[0-9A-Z]{5}/;

describe('bot killed with kill -9 in the middle of 500 updates', () => {
  const temp = tempDir();
  let telegram: BotApiServer;
  let server: ServeProcess | undefined;

  afterAll(async () => {
    await server?.kill();
    await telegram?.stop();
    temp.remove();
  });

  it('after a restart, each update filed exactly one complaint and each passenger got exactly one acknowledgement', async () => {
    telegram = await BotApiServer.start();
    const env = { DATA_DIR: temp.dir, TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url, SESSION_SECRET: 'k'.repeat(48) };
    const passengers: TestUser[] = Array.from({ length: UPDATES }, (_, i) => user(900_000 + i, { firstName: `P${i}` }));
    const updateIds = passengers.map((p, i) => telegram.sendText(p, `Coach S${i % 9} fan not working, train 12${String(i).padStart(3, '0')}`).updateId);
    const acks = () => telegram.sent.filter((m) => REF.test(m.text ?? '')).length;
    const readDb = () => new Database(path.join(temp.dir, 'read.db'), { readonly: true, fileMustExist: true });

    server = await startServe(env);
    await telegram.waitFor(() => acks() >= UPDATES / 4, 60_000, 'a quarter of the acknowledgements');
    // From here no acknowledgement can reach a passenger; wait until every one that did is recorded by the bot,
    // then kill it while its other handlers wait on the API.
    telegram.holdSends();
    const delivered = acks();
    await telegram.waitFor(() => {
      const db = readDb();
      try {
        const row = db.prepare("SELECT COUNT(*) AS n FROM bot_updates WHERE status = 'acknowledged'").get() as { n: number };
        return row.n === delivered;
      } finally {
        db.close();
      }
    }, 30_000, 'the delivered acknowledgements to be recorded');
    await telegram.waitFor(() => telegram.heldCount > 0, 30_000, 'handlers waiting on the API');
    await server.kill('SIGKILL');
    // The dead process's connections close: its held requests were never answered, so never delivered.
    await telegram.waitFor(() => telegram.heldCount === 0, 30_000, 'the killed bot\'s connections to close');
    await telegram.releaseSends();
    expect(delivered).toBeLessThan(UPDATES);

    server = await startServe(env);
    await telegram.waitFor(() => acks() >= UPDATES, 120_000, 'every passenger acknowledged');

    for (const passenger of passengers) {
      expect({ passenger: passenger.id, acks: telegram.sentTo(passenger.id).filter((m) => REF.test(m.text ?? '')).length }).toEqual({
        passenger: passenger.id,
        acks: 1,
      });
    }
    // An acknowledgement follows the durable append; the read model follows the log a moment later.
    const projected = () => {
      const db = readDb();
      try {
        return db.prepare("SELECT tweet_id, chat_id FROM tweets WHERE source = 'Telegram'").all() as { tweet_id: string; chat_id: number }[];
      } finally {
        db.close();
      }
    };
    await telegram.waitFor(() => projected().length >= UPDATES, 60_000, 'every complaint projected');
    const rows = projected();
    expect(rows).toHaveLength(UPDATES);
    expect(new Set(rows.map((r) => r.tweet_id)).size).toBe(UPDATES);
    expect(new Set(rows.map((r) => r.tweet_id))).toEqual(new Set(updateIds.map((id) => `tg-${telegram.bot.id}-${id}`)));
  });
});
