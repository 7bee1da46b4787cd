import path from 'node:path';
import readline from 'node:readline';
import { classifierFor, CURRENT_MODEL_VERSION, loadCorpus, trainFromCorpus, writeModel } from './classify';
import { CASCADE_VERSIONS, realTrainingFile, REAL_POST_VERSIONS, TFIDF_VERSIONS, trainCascadeFromRealPosts, trainFromRealPosts, trainTfidfFromRealPosts } from './classify/model-file';
import { submitComplaint } from './commands/handlers';
import { loadConfig, ConfigError, type Config } from './config';
import { AppError } from './errors';
import { newUuid, systemClock } from './events/ids';

/** `railsewa train` writes into the repository's model folder, not next to the compiled code. */
const REPO_MODELS_DIR = path.resolve(__dirname, '..', '..', 'src', 'classify', 'models');
import { createLogger, type Logger } from './logger';
import { adminCorrections } from './projections/tweets';
import { startChangeFeed } from './read-api/change-feed';
import { startApi } from './roles/api';
import { createBotRole } from './roles/bot';
import { startClassifier } from './roles/classifier';
import { startMetricsServer } from './roles/metrics-server';
import { reclassify } from './roles/reclassify';
import { projectionsNamed, rebuildRegistered, startProjections } from './roles/projections';
import { findProjection, PROJECTIONS } from './projections/registry';
import { formatProjectionStatuses, projectionStatuses } from './projections/status';
import { ProgressReporter } from './progress';
import { isAdminRole } from './commands/roles';
import { changeAdminPassword, createAdmin, disableAdmin, enableAdmin, ensureFirstAdmin, listAdmins } from './read-api/admins';
import { serveAll } from './roles/serve';
import { openRuntime, type Runtime } from './runtime';

const USAGE = `railsewa: real-time railway complaint system

usage:
  railsewa serve                        run every role in one process (embedded by default)
  railsewa api | classifier | projector | bot
                                        run one role in this process (scale out on Kafka and MySQL)
  railsewa submit TEXT                  append a ComplaintReceived, as a producer would
  railsewa classify                     classify texts from stdin, one per line; JSON lines out
  railsewa reclassify --model VERSION   replay raw_tweets through a model and append new classifications
  railsewa train [--real PATH] [--include-corrections] [--version NAME]
                                        train the model on the real labelled posts (default
                                        ../shared/data/railway_posts_train.csv), the project's corpus and, with
                                        --include-corrections, admins' relabels
  railsewa admin create NAME [--role ROLE]
                                        create an admin (viewer, responder or supervisor; default responder,
                                        the first admin a supervisor); the password is read from stdin
  railsewa admin password NAME          set an admin's password (read from stdin); their sessions end
  railsewa admin disable NAME           disable an admin: no login, every session of theirs ends (never the
                                        last enabled supervisor)
  railsewa admin enable NAME            let a disabled admin log in again
  railsewa admin list                   admins, their role, last login, whether disabled, live sessions
  railsewa projections list             each projection: version, generation, dead letters, checkpoint, end and lag per topic
  railsewa projections rebuild NAME     rebuild a projection from the first event into new tables, then swap
                                        them in (${PROJECTIONS.map((p) => p.name).join(', ')})
  railsewa rebuild                      the same as: railsewa projections rebuild tweets

settings come from the environment or .env (see .env.example)`;

/** A command used the wrong way: exit code 2 with the usage line. */
class UsageError extends Error {}

const progressBar = (label: string, done: number, total: number): void => {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const bar = '#'.repeat(Math.round(ratio * 30)).padEnd(30, '.');
  process.stderr.write(`\r${label} [${bar}] ${done}/${total}`);
};

const optionValue = (args: string[], name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

/** Keeps a role running until SIGTERM or SIGINT, then stops it cleanly. */
const runUntilSignal = (logger: Logger, stop: () => Promise<void>): void => {
  let stopping = false;
  const onSignal = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    try {
      await stop();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
  process.on('SIGINT', () => void onSignal('SIGINT'));
};

const runRole = async (config: Config, role: string): Promise<void> => {
  const logger = createLogger(config.logLevel);
  const runtime = await openRuntime(config, logger);
  const stops: (() => Promise<void>)[] = [];
  switch (role) {
    case 'classifier': {
      const subscription = await startClassifier({ events: runtime.events, classify: classifierFor(config.classifierModel), now: systemClock, newId: newUuid, logger });
      stops.push(() => subscription.stop());
      break;
    }
    case 'projector': {
      // Every registered projection (or those PROJECTIONS names), each in its own consumer group: scale out by running
      // more projector processes.
      const running = await startProjections(runtime, undefined, projectionsNamed(config.projections));
      stops.push(() => running.stop());
      break;
    }
    case 'api': {
      const bot = createBotRole(runtime);
      const api = await startApi(runtime, { routers: bot?.router ? [bot.router] : [] });
      // The projector runs elsewhere: learn about committed changes from the topics and the checkpoints.
      const feed = await startChangeFeed({
        ...runtime,
        instanceId: config.instanceId,
        changed: (ids) => api.gateway.changed(ids),
        analyticsChanged: () => api.gateway.analyticsChanged(),
      });
      if (bot?.router) await bot.start();
      console.log(`RailSewa dashboard: ${api.url}`);
      stops.push(() => feed.stop(), async () => bot?.stop(), () => api.stop());
      break;
    }
    default: {
      const bot = createBotRole(runtime);
      if (!bot) throw new UsageError('TELEGRAM_BOT_TOKEN is not set: there is no bot to run');
      if (runtime.config.telegram.webhookUrl) throw new UsageError('in webhook mode the bot is served by `railsewa api` or `serve`');
      await bot.start();
      stops.push(() => bot.stop());
    }
  }
  if (role !== 'api' && config.metrics.port !== undefined) {
    const server = await startMetricsServer(runtime, config.metrics.port);
    console.log(`railsewa ${role} metrics: ${server.url}`);
    stops.push(() => server.stop());
  }
  logger.info({ role, eventLog: config.eventLog.engine, readStore: config.readStore.engine }, 'role running');
  console.log(`railsewa ${role} running`);
  runUntilSignal(logger, async () => {
    for (const stop of stops) await stop();
    await runtime.close();
  });
};

const withRuntime = async <T>(config: Config, work: (runtime: Runtime) => Promise<T>): Promise<T> => {
  const runtime = await openRuntime(config, createLogger(config.logLevel));
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
};

const readStdinLines = async function* (): AsyncGenerator<string> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) yield line;
};

const ADMIN_USAGE = 'usage: railsewa admin create NAME [--role viewer|responder|supervisor] | password NAME (password on stdin) | disable NAME | enable NAME | list';

const readPassword = async (): Promise<string> => {
  for await (const line of readStdinLines()) return line;
  return '';
};

const adminCommand = async (config: Config, args: string[]): Promise<void> => {
  const [action, name] = args;
  if (action === 'list') {
    const admins = await withRuntime(config, (runtime) => listAdmins(runtime.store));
    for (const a of admins) {
      const state = a.disabledAt ? `disabled since ${a.disabledAt}` : 'active';
      console.log(`${a.username}\t${a.role}\t${state}\tlast login ${a.lastLogin ?? 'never'}\t${a.sessions} session(s)`);
    }
    return;
  }
  if (!name) throw new UsageError(ADMIN_USAGE);
  switch (action) {
    case 'create': {
      const flag = args.indexOf('--role');
      const role = flag === -1 ? undefined : args[flag + 1];
      if (role !== undefined && !isAdminRole(role)) throw new UsageError(ADMIN_USAGE);
      if (flag !== -1 && role === undefined) throw new UsageError(ADMIN_USAGE);
      const password = await readPassword();
      const given = await withRuntime(config, (runtime) => createAdmin(runtime.store, name, password, undefined, role));
      console.log(`admin ${name} created (${given})`);
      return;
    }
    case 'password': {
      const password = await readPassword();
      const username = await withRuntime(config, (runtime) => changeAdminPassword(runtime.store, name, password));
      console.log(`password of ${username} changed; their sessions ended`);
      return;
    }
    case 'disable': {
      const username = await withRuntime(config, (runtime) => disableAdmin(runtime.store, name));
      console.log(`admin ${username} disabled; their sessions ended`);
      return;
    }
    case 'enable': {
      const username = await withRuntime(config, (runtime) => enableAdmin(runtime.store, name));
      console.log(`admin ${username} enabled`);
      return;
    }
    default:
      throw new UsageError(ADMIN_USAGE);
  }
};

const PROJECTIONS_USAGE = `usage: railsewa projections list | rebuild NAME (${PROJECTIONS.map((p) => p.name).join(', ')})`;

const projectionsCommand = async (config: Config, args: string[]): Promise<void> => {
  const [action, name] = args;
  if (action === 'list' && name === undefined) {
    const statuses = await withRuntime(config, (runtime) => projectionStatuses(runtime.events, runtime.store, PROJECTIONS));
    console.log(formatProjectionStatuses(statuses));
    return;
  }
  const projection = action === 'rebuild' && name !== undefined ? findProjection(name) : undefined;
  if (!projection) throw new UsageError(PROJECTIONS_USAGE);
  const progress = new ProgressReporter(`rebuilding ${projection.name}`, process.stderr);
  const started = Date.now();
  const result = await withRuntime(config, (runtime) =>
    rebuildRegistered(projection, runtime, ({ applied, target }) => progress.update(applied, target)),
  );
  progress.done();
  const seconds = (Date.now() - started) / 1000;
  console.log(`${projection.name} rebuilt from ${result.events} events in ${seconds.toFixed(1)} s and swapped in`);
};

const serve = async (config: Config): Promise<void> => {
  const logger = createLogger(config.logLevel);
  const runtime = await openRuntime(config, logger);
  const first = await ensureFirstAdmin(runtime.store);
  const serving = await serveAll(runtime);
  logger.info({ eventLog: config.eventLog.engine, readStore: config.readStore.engine, dataDir: config.dataDir }, 'serving');
  console.log(`RailSewa dashboard: ${serving.api.url}`);
  if (first) {
    console.log(`First admin created. Username: ${first.username}  Password: ${first.password}`);
    console.log('This password is shown once. Add admins with: railsewa admin create NAME');
  }
  runUntilSignal(logger, async () => {
    await serving.stop();
    await runtime.close();
  });
};

const main = async (argv: string[]): Promise<number> => {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'classify') {
    const classify = classifierFor(loadConfig().classifierModel);
    for await (const line of readStdinLines()) {
      const c = classify(line);
      process.stdout.write(
        `${JSON.stringify({ emergency: c.emergency, review: c.review, category: c.category, confidence: c.confidence, pnr: c.pnr, train: c.train, coach: c.coach })}\n`,
      );
    }
    return 0;
  }
  if (command === 'train') {
    const version = optionValue(args, '--version') ?? CURRENT_MODEL_VERSION;
    if (args.includes('--real') && !optionValue(args, '--real')) throw new UsageError('usage: railsewa train --real PATH');
    let realFile: string | undefined;
    try {
      realFile = realTrainingFile(optionValue(args, '--real'));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const realPosts = REAL_POST_VERSIONS.has(version);
    if (realPosts && !realFile) {
      throw new UsageError(`${version} trains on real labelled posts: ../shared/data/railway_posts_train.csv is not there; name a file with --real PATH`);
    }
    const corrections = args.includes('--include-corrections')
      ? await withRuntime(loadConfig(), (runtime) => adminCorrections(runtime.store))
      : [];
    const onProgress = (done: number, total: number) => progressBar('training', done, total);
    if (CASCADE_VERSIONS.has(version) && realFile) {
      // a cascade's file: its two models' files are trained apart (railsewa train --version NAME of each)
      const trained = trainCascadeFromRealPosts(version, realFile, corrections, onProgress, undefined, REPO_MODELS_DIR);
      process.stderr.write('\n');
      const file = writeModel(trained.json, path.join(REPO_MODELS_DIR, `${version}.json`));
      console.log(
        `cascade ${version} written to ${file} (over ${trained.json.first} and ${trained.json.second}, trained apart; real posts from ${realFile}; ${corrections.length} admin corrections included)`,
      );
      console.log(JSON.stringify({ crossValidation: trained.figures, validation: trained.validation }));
      return 0;
    }
    if (realPosts && realFile) {
      const trained = TFIDF_VERSIONS.has(version)
        ? trainTfidfFromRealPosts(realFile, corrections, { version, onProgress })
        : trainFromRealPosts(realFile, corrections, { version, onProgress });
      process.stderr.write('\n');
      const file = writeModel(trained.json, path.join(REPO_MODELS_DIR, `${version}.json`));
      console.log(`model ${version} written to ${file} (real posts from ${realFile}; ${corrections.length} admin corrections included)`);
      console.log(JSON.stringify({ crossValidation: trained.crossValidation.figures, validation: trained.validation }));
      return 0;
    }
    const trained = trainFromCorpus(loadCorpus(), { version, onProgress }, corrections);
    process.stderr.write('\n');
    const file = writeModel(trained.json, path.join(REPO_MODELS_DIR, `${version}.json`));
    console.log(`model ${version} written to ${file} (corpus only: ${version} does not read real posts; ${corrections.length} admin corrections included)`);
    console.log(JSON.stringify({ heldOut: trained.heldOut, validation: trained.validation }));
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return -1;
    case 'api':
    case 'classifier':
    case 'projector':
    case 'bot':
      await runRole(config, command);
      return -1;
    case 'reclassify': {
      const version = optionValue(args, '--model');
      if (!version) throw new UsageError('usage: railsewa reclassify --model VERSION');
      const result = await withRuntime(config, (runtime) =>
        reclassify(runtime, version, ({ done, target }) => progressBar(`reclassifying with ${version}`, done, target)),
      );
      process.stderr.write('\n');
      console.log(`${result.target} complaint events replayed through ${version}`);
      return 0;
    }
    case 'submit': {
      const text = args.join(' ');
      const result = await withRuntime(config, (runtime) =>
        submitComplaint(
          { events: runtime.events, now: systemClock, newId: newUuid },
          { type: 'SubmitComplaint', data: { text, source: 'cli' } },
        ),
      );
      console.log(JSON.stringify({ complaint_id: result.complaintId, reference: result.reference }));
      return 0;
    }
    case 'admin':
      await adminCommand(config, args);
      return 0;
    case 'projections':
      await projectionsCommand(config, args);
      return 0;
    case 'rebuild':
      await projectionsCommand(config, ['rebuild', 'tweets']);
      return 0;
    default:
      console.error(`unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
};

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof AppError || error instanceof UsageError) {
      console.error(error.message);
      process.exit(error instanceof UsageError ? 2 : 1);
    }
    console.error(error);
    process.exit(1);
  },
);
