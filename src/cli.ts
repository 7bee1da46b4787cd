import readline from 'node:readline';
import { classify } from './classify';
import { submitComplaint } from './commands/handlers';
import { loadConfig, ConfigError, type Config } from './config';
import { AppError } from './errors';
import { newUuid, systemClock } from './events/ids';
import { createLogger } from './logger';
import { rebuildTweets } from './projections/rebuild';
import { createAdmin, ensureFirstAdmin } from './read-api/admins';
import { serveAll } from './roles/serve';
import { openRuntime, type Runtime } from './runtime';

const USAGE = `railsewa: real-time railway complaint system

usage:
  railsewa serve                        run every role in one process (embedded by default)
  railsewa submit TEXT                  append a ComplaintReceived, as a producer would
  railsewa classify                     classify texts from stdin, one per line; JSON lines out
  railsewa admin create NAME            create an admin; the password is read from stdin
  railsewa projections rebuild tweets   rebuild the tweets read model from the first event

settings come from the environment or .env (see .env.example)`;

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
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await serving.stop();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
};

const main = async (argv: string[]): Promise<number> => {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'classify') {
    for await (const line of readStdinLines()) {
      const c = classify(line);
      process.stdout.write(
        `${JSON.stringify({ emergency: c.emergency, category: c.category, confidence: c.confidence, pnr: c.pnr, train: c.train, coach: c.coach })}\n`,
      );
    }
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return -1;
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
    case 'admin': {
      if (args[0] !== 'create' || !args[1]) throw new AppError('usage', 2, 'usage: railsewa admin create NAME (password on stdin)');
      let password = '';
      for await (const line of readStdinLines()) {
        password = line;
        break;
      }
      await withRuntime(config, (runtime) => createAdmin(runtime.store, args[1], password));
      console.log(`admin ${args[1]} created`);
      return 0;
    }
    case 'projections': {
      if (args[0] !== 'rebuild' || args[1] !== 'tweets') {
        throw new AppError('usage', 2, 'usage: railsewa projections rebuild tweets');
      }
      const result = await withRuntime(config, (runtime) =>
        rebuildTweets({
          events: runtime.events,
          store: runtime.store,
          logger: runtime.logger,
          onProgress: ({ applied, target }) => {
            const ratio = target === 0 ? 1 : applied / target;
            const bar = '#'.repeat(Math.round(ratio * 30)).padEnd(30, '.');
            process.stderr.write(`\rrebuilding tweets [${bar}] ${applied}/${target} events`);
          },
        }),
      );
      process.stderr.write('\n');
      console.log(`tweets rebuilt from ${result.events} events and swapped in`);
      return 0;
    }
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
    if (error instanceof ConfigError || error instanceof AppError) {
      console.error(error.message);
      process.exit(error instanceof AppError && error.status === 2 ? 2 : 1);
    }
    console.error(error);
    process.exit(1);
  },
);
