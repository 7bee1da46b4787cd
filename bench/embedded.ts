/**
 * Pushes complaints through the embedded pipeline and prints complaints/s for append, classification, projection
 * and end to end. Usage: npm run bench:embedded [-- COUNT]
 */
import { classify } from '../src/classify';
import { submitComplaint } from '../src/commands/handlers';
import { loadConfig } from '../src/config';
import { newUuid, systemClock } from '../src/events/ids';
import { silentLogger } from '../src/logger';
import { readStats } from '../src/projections/tweets';
import { startClassifier } from '../src/roles/classifier';
import { startTweetsProjector } from '../src/roles/projector';
import { openRuntime, type Runtime } from '../src/runtime';
import { tempDir } from '../test/support/temp';

const COUNT = Number(process.argv[2] ?? 100_000);
const IN_FLIGHT = 2_000;

const TEXTS = [
  'Train 12951 coach B3: AC not working since Kota, PNR 4512791357',
  'Coach S7 toilet is very dirty and no water, train 12627',
  'A man is harassing women in coach S4 of 12802, please help now',
  'ट्रेन 12301 के कोच B2 में खाना बहुत खराब है',
  'Bhai train 2 ghante late hai, koi update nahi, PNR 2345678901',
  'Passenger fainted in coach A1 of 22691, need a doctor urgently',
];

const openFresh = async (): Promise<{ runtime: Runtime; remove: () => void }> => {
  const temp = tempDir('railsewa-bench-');
  const config = loadConfig({ DATA_DIR: temp.dir, LOG_LEVEL: 'silent' }, '/nonexistent/.env');
  return { runtime: await openRuntime(config, silentLogger()), remove: temp.remove };
};

const appendAll = async (runtime: Runtime): Promise<void> => {
  const deps = { events: runtime.events, now: systemClock, newId: newUuid };
  for (let start = 0; start < COUNT; start += IN_FLIGHT) {
    const batch = [];
    for (let i = start; i < Math.min(COUNT, start + IN_FLIGHT); i++) {
      batch.push(submitComplaint(deps, { type: 'SubmitComplaint', data: { text: `${TEXTS[i % TEXTS.length]} #${i}`, source: 'cli' } }));
    }
    await Promise.all(batch);
  }
};

const total = async (runtime: Runtime, topic: string): Promise<number> =>
  [...(await runtime.events.log.endOffsets(topic)).values()].reduce((a, b) => a + b, 0);

const until = async (check: () => Promise<boolean>): Promise<void> => {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
};

const timed = async (work: () => Promise<void>): Promise<number> => {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
};

const rate = (seconds: number) => `${Math.round(COUNT / seconds).toLocaleString('en-US')} complaints/s (${seconds.toFixed(2)} s)`;

const main = async () => {
  console.log(`embedded pipeline, ${COUNT.toLocaleString('en-US')} complaints, node ${process.version}`);
  const roles = { classify, now: systemClock, newId: newUuid, logger: silentLogger() };

  // Stage by stage, each stage alone on the output of the one before.
  const staged = await openFresh();
  const append = await timed(() => appendAll(staged.runtime));
  console.log(`  append (durable, group commit)   ${rate(append)}`);
  let classifier = await startClassifier({ ...roles, events: staged.runtime.events });
  const classification = await timed(() => until(async () => (await total(staged.runtime, staged.runtime.topics.classified)) >= COUNT));
  await classifier.stop();
  console.log(`  classification                   ${rate(classification)}`);
  let projector = await startTweetsProjector({ events: staged.runtime.events, store: staged.runtime.store, logger: roles.logger });
  const projection = await timed(() => until(async () => (await readStats(staged.runtime.store)).emergency + (await readStats(staged.runtime.store)).feedback >= COUNT));
  await projector.stop();
  console.log(`  projection (tweets + stats)      ${rate(projection)}`);
  await staged.runtime.close();
  staged.remove();

  // End to end: all roles running while complaints are submitted.
  const e2e = await openFresh();
  classifier = await startClassifier({ ...roles, events: e2e.runtime.events });
  projector = await startTweetsProjector({ events: e2e.runtime.events, store: e2e.runtime.store, logger: roles.logger });
  const endToEnd = await timed(async () => {
    await appendAll(e2e.runtime);
    await until(async () => {
      const stats = await readStats(e2e.runtime.store);
      return stats.emergency + stats.feedback >= COUNT;
    });
  });
  await classifier.stop();
  await projector.stop();
  const stats = await readStats(e2e.runtime.store);
  console.log(`  end to end (submit -> projected) ${rate(endToEnd)}`);
  console.log(`  projected: total ${stats.total}, emergency ${stats.emergency}, feedback ${stats.feedback}`);
  await e2e.runtime.close();
  e2e.remove();
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
