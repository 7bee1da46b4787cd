/**
 * 2,000 complaint updates through the local Bot API server to the bot (embedded engines, one process); prints
 * updates/s and p50/p99 from update to acknowledgement, and from ResponseGiven to the passenger's sendMessage.
 * Usage: npm run bench:bot [-- UPDATES RESPONSES]
 */
import { BotApiServer, user } from '../test/support/bot-api-server';
import { postJson, startEmbedded } from '../test/support/embedded';

const UPDATES = Number(process.argv[2] ?? 2000);
const RESPONSES = Number(process.argv[3] ?? 500);
const REF = /RS-[0-9A-Z]{5}-[0-9A-Z]{5}/;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

const main = async () => {
  const telegram = await BotApiServer.start();
  const product = await startEmbedded({ TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url, BOT_RATE_PER_MINUTE: '100' });
  const cookie = await product.login();
  console.log(`bot: ${UPDATES} complaint updates, ${RESPONSES} responses, node ${process.version}`);

  const sentAt = new Map<number, { chatId: number; at: number }>();
  const start = Date.now();
  for (let i = 0; i < UPDATES; i++) {
    const passenger = user(1_000_000 + i, { firstName: `P${i}` });
    const { messageId } = telegram.sendText(passenger, `Train 12${String(i % 1000).padStart(3, '0')} coach S${i % 9}: fan not working`);
    sentAt.set(passenger.id * 1000 + messageId, { chatId: passenger.id, at: Date.now() });
  }
  const acks = () => telegram.sent.filter((m) => REF.test(m.text ?? ''));
  await telegram.waitFor(() => acks().length >= UPDATES, 300_000, 'every acknowledgement');
  const elapsed = (Date.now() - start) / 1000;
  const ackLatencies = acks().map((m) => m.at - sentAt.get(m.chatId * 1000 + (m.replyToMessageId ?? 0))!.at);
  console.log(`  updates -> acknowledgements  ${Math.round(UPDATES / elapsed)} updates/s (${elapsed.toFixed(2)} s)`);
  console.log(`  update -> acknowledgement    p50 ${percentile(ackLatencies, 50)} ms, p99 ${percentile(ackLatencies, 99)} ms (all queued at once)`);

  const references = acks().slice(0, RESPONSES).map((m) => ({ chatId: m.chatId, reference: REF.exec(m.text ?? '')![0] }));
  // Responses need the complaint projected (the API looks it up): wait for the read model.
  await telegram.waitFor(async () => {
    const stats = await (await fetch(`${product.url}/api/stats`, { headers: { cookie } })).json();
    return (stats as { total: number }).total >= UPDATES;
  }, 300_000, 'complaints projected');
  const respondedAt = new Map<number, number>();
  const responseText = (i: number) => `Response ${i}: staff are on the way.`;
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < references.length) {
        const i = next++;
        respondedAt.set(references[i].chatId, Date.now());
        const res = await postJson(`${product.url}/api/respond`, { tweet_id: references[i].reference, response: responseText(i) }, cookie);
        if (res.status !== 202) throw new Error(`respond failed: ${res.status} ${await res.text()}`);
      }
    }),
  );
  const deliveries = () => telegram.sent.filter((m) => (m.text ?? '').includes(': staff are on the way.'));
  await telegram.waitFor(() => deliveries().length >= references.length, 300_000, 'every response delivered');
  const deliveryLatencies = deliveries().map((m) => m.at - respondedAt.get(m.chatId)!);
  console.log(`  ResponseGiven -> sendMessage p50 ${percentile(deliveryLatencies, 50)} ms, p99 ${percentile(deliveryLatencies, 99)} ms`);

  // Steady load: one update every 20 ms (50/s), then one response every 20 ms, each timed alone.
  const steady = 200;
  const steadyAck: number[] = [];
  for (let i = 0; i < steady; i++) {
    const passenger = user(2_000_000 + i, { firstName: `S${i}` });
    const t0 = Date.now();
    telegram.sendText(passenger, `Coach B${i % 5} light not working in train 12627`);
    await telegram.waitFor(() => telegram.sentTo(passenger.id).some((m) => REF.test(m.text ?? '')), 30_000, 'steady ack');
    steadyAck.push(telegram.sentTo(passenger.id)[0].at - t0);
    await new Promise((r) => setTimeout(r, Math.max(0, 20 - (Date.now() - t0))));
  }
  console.log(`  steady 50/s: update -> ack   p50 ${percentile(steadyAck, 50)} ms, p99 ${percentile(steadyAck, 99)} ms`);
  const steadyDelivery: number[] = [];
  for (let i = RESPONSES; i < RESPONSES + steady; i++) {
    const { chatId, reference } = { chatId: acks()[i].chatId, reference: REF.exec(acks()[i].text ?? '')![0] };
    const t0 = Date.now();
    await postJson(`${product.url}/api/respond`, { tweet_id: reference, response: `Steady ${i}: done.` }, cookie);
    await telegram.waitFor(() => telegram.sentTo(chatId).some((m) => (m.text ?? '').includes(`Steady ${i}: done.`)), 30_000, 'steady delivery');
    steadyDelivery.push(telegram.sentTo(chatId).find((m) => (m.text ?? '').includes(`Steady ${i}: done.`))!.at - t0);
  }
  console.log(`  one at a time: respond -> sendMessage p50 ${percentile(steadyDelivery, 50)} ms, p99 ${percentile(steadyDelivery, 99)} ms`);

  await product.stop();
  await telegram.stop();
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
