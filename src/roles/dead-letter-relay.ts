import type { EventLog } from '../eventlog/event-log';
import type { Logger } from '../logger';
import { deadLetterChunks, deadLetterOutboxRecords, markDeadLettersPublished, unpublishedDeadLetters } from '../projections/dead-letter-outbox';
import type { ReadStore } from '../store/read-store';

export interface DeadLetterRelayDeps {
  log: EventLog;
  store: ReadStore;
  logger: Logger;
  /** the projection whose rows it publishes */
  projection: string;
  /** how long after a failed run it tries again (default 5 s) */
  retryMs?: number;
}

export interface DeadLetterRelay {
  /**
   * Publishes every row unpublished now to its `<topic>.dlq` and marks it published. A call during a run gets a run
   * after it too, so rows committed meanwhile are not missed.
   */
  publish(): Promise<void>;
  /** publish() in the background: a failure is logged and tried again after retryMs */
  kick(): void;
  /** waits for the run in hand; no retry after it */
  stop(): Promise<void>;
}

/** Rows read at a time. */
const PAGE = 100;
/** Message bytes per append (and per marking transaction): several relays' appends in one tick share a request. */
const CHUNK_BYTES = 256 * 1024;

/**
 * The transactional outbox's relay for one projection's dead letters: the rows are written with the checkpoint, so
 * none is lost; each is appended to the event log and then marked, so a crash between the two publishes it again
 * (at least once; a consumer tells repeats by `dlq-projection`, `dlq-source-topic`, `-partition` and `-offset`).
 */
export const deadLetterRelay = (deps: DeadLetterRelayDeps): DeadLetterRelay => {
  const { log, store, logger, projection } = deps;
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;

  const drain = async (): Promise<void> => {
    for (;;) {
      const letters = await unpublishedDeadLetters(store, projection, PAGE);
      if (letters.length === 0) return;
      for (const chunk of deadLetterChunks(letters, CHUNK_BYTES)) {
        for (const records of deadLetterOutboxRecords(chunk)) await log.append(records.topic, records.messages);
        await markDeadLettersPublished(store, chunk, new Date().toISOString());
      }
      logger.info({ projection, count: letters.length }, 'dead letters published to their .dlq topics');
      if (letters.length < PAGE) return;
    }
  };

  const publish = (): Promise<void> => {
    if (running) {
      // One run waits behind the current one, whoever asks.
      next ??= running
        .catch(() => undefined)
        .then(() => {
          next = null;
          return publish();
        });
      return next;
    }
    running = drain().finally(() => (running = null));
    return running;
  };

  const kick = (): void => {
    if (stopped) return;
    publish().catch((error: unknown) => {
      logger.warn({ err: error, projection }, 'could not publish dead letters: trying again');
      if (stopped || retry) return;
      retry = setTimeout(() => {
        retry = undefined;
        kick();
      }, deps.retryMs ?? 5000);
      retry.unref();
    });
  };

  return {
    publish,
    kick,
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      await Promise.allSettled([running, next]);
    },
  };
};
