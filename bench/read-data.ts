/**
 * The read benchmark's complaints: texts from the project's own corpus (English, Hindi, Hinglish) with varied PNRs,
 * trains and coaches, about one in ten an emergency, written into the tweets read model through the projection's own
 * code (applyTweetSlices: rows, stats, checkpoints and the full-text index in one transaction per batch).
 */
import { randomUUID } from 'node:crypto';
import { loadCorpus } from '../src/classify/model-file';
import type { CorpusRow } from '../src/classify/corpus/generate';
import type { ComplaintClassified, ComplaintReceived } from '../src/events/complaint';
import { referenceFor } from '../src/events/reference';
import { partitionFor } from '../src/eventlog/partitioner';
import { applyTweetSlices, type TweetSlice } from '../src/projections/tweets';
import type { ReadStore } from '../src/store/read-store';
import { LIVE_TWEETS_TABLES } from '../src/store/tweets-tables';

const EMERGENCY_SHARE = 0.1;
const PARTITIONS = 6;
export const LOAD_BATCH = 5_000;
/**
 * The loaded rows come from no log: their checkpoints are kept under topics of their own, so the live topics still
 * start at offset 0 and complaints appended during the run are projected as usual.
 */
const LOAD_TOPICS = { raw: 'bench_load.raw_tweets', classified: 'bench_load.classified_tweets' };

/** A small seeded generator (mulberry32): the same data on every run. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/**
 * Draws corpus rows as people write: a few texts often, most rarely (Zipf over a shuffled order), so that some words
 * are in a large share of the rows and others in a handful.
 */
class ZipfPool {
  private readonly cumulative: Float64Array;
  constructor(
    readonly rows: CorpusRow[],
    random: () => number,
  ) {
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    this.cumulative = new Float64Array(rows.length);
    let sum = 0;
    for (let i = 0; i < rows.length; i++) this.cumulative[i] = sum += 1 / (i + 1);
  }

  draw(random: () => number): number {
    const target = random() * this.cumulative[this.cumulative.length - 1];
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const COACH_LETTERS = ['S', 'B', 'A', 'H', 'M', 'D', 'G', 'E'];
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const LATIN_WORD = /^[a-z]{5,}$/;
const DEVANAGARI_WORD = /^[\u0900-\u097f]{4,}$/;
/** words the generator itself adds to texts: not counted as corpus words */
const ADDED_WORDS = new Set(['pnr', 'train', 'coach']);

export interface Probes {
  id: string;
  reference: string;
  pnr: string;
  rareWord: { word: string; rows: number };
  commonWord: { word: string; rows: number };
  hindiWord: { word: string; rows: number };
}

export interface ComplaintFactory {
  /** the n-th complaint's two events */
  pair(n: number, complaintId?: string, at?: string): [ComplaintReceived, ComplaintClassified];
}

/** Builds complaints from the corpus; `total` spreads their receive times over the 30 days before now. */
export const complaintFactory = (total: number, seed = 21): ComplaintFactory & { usage: Uint32Array; rows: CorpusRow[] } => {
  const random = seededRandom(seed);
  const corpus = loadCorpus();
  const emergencies = new ZipfPool(corpus.filter((r) => r.emergency === 1), random);
  const others = new ZipfPool(corpus.filter((r) => r.emergency === 0), random);
  const rows = [...emergencies.rows, ...others.rows];
  const usage = new Uint32Array(rows.length);
  const trains = Array.from({ length: 400 }, () => String(11001 + Math.floor(random() * 11000)));
  const start = Date.now() - 30 * 86_400_000;
  const step = (30 * 86_400_000) / Math.max(1, total);
  return {
    rows,
    usage,
    pair(n, complaintId = randomUUID(), at) {
      const emergency = random() < EMERGENCY_SHARE;
      const pool = emergency ? emergencies : others;
      const index = pool.draw(random);
      usage[emergency ? index : emergencies.rows.length + index] += 1;
      const row = pool.rows[index];
      const pnr = String(2_000_000_000 + Math.floor(random() * 7_999_999_999));
      const train = trains[Math.floor(random() * trains.length)];
      const coach = `${COACH_LETTERS[Math.floor(random() * COACH_LETTERS.length)]}${1 + Math.floor(random() * 12)}`;
      const withPnr = random() < 0.6;
      const withTrain = random() < 0.4;
      const withCoach = random() < 0.3;
      let text = row.text;
      if (withTrain) text += ` train ${train}`;
      if (withCoach) text += ` coach ${coach}`;
      if (withPnr) text += ` PNR ${pnr}`;
      const receivedAt = at ?? new Date(start + n * step).toISOString();
      const classifiedAt = new Date(Date.parse(receivedAt) + 1_000 + Math.floor(random() * 2_000)).toISOString();
      const chatId = 5_000_000_000 + Math.floor(random() * 1_000_000_000);
      const web = random() < 0.2;
      const received: ComplaintReceived = {
        type: 'ComplaintReceived',
        data: {
          complaintId,
          reference: referenceFor(complaintId),
          text,
          source: web ? 'web' : 'telegram',
          userId: web ? null : chatId,
          chatId: web ? null : chatId,
          username: web ? null : `passenger_${chatId % 200_000}`,
          firstName: 'Asha',
          lastName: null,
          contact: null,
          receivedAt,
          messageId: web ? null : 1 + (n % 5_000),
          photoFileId: null,
        },
        metadata: { eventId: randomUUID(), occurredAt: receivedAt, correlationId: complaintId, causationId: null },
      };
      const classified: ComplaintClassified = {
        type: 'ComplaintClassified',
        data: {
          complaintId,
          prediction: emergency ? 1 : 0,
          category: row.category,
          priority: emergency ? 1 : 3 + Math.floor(random() * 3),
          confidence: Math.round((0.55 + random() * 0.44) * 1000) / 1000,
          modelVersion: 'linear-7',
          keywords: (row.text.toLowerCase().match(/[a-z]{4,}/g) ?? []).slice(0, 3),
          language: row.language,
          pnr: withPnr ? pnr : null,
          train: withTrain ? train : null,
          coach: withCoach ? coach : null,
          berth: null,
          classifiedAt,
          review: !emergency && random() < 0.04,
        },
        metadata: { eventId: randomUUID(), occurredAt: classifiedAt, correlationId: complaintId, causationId: null },
      };
      return [received, classified];
    },
  };
};

/**
 * In how many rows each corpus word appears, from how often each corpus text was used; @handles and #tags left out.
 * `only` keeps the words of that language that no other language's texts use.
 */
const wordRows = (rows: CorpusRow[], usage: Uint32Array, only?: string): Map<string, number> => {
  const wordsOf = (row: CorpusRow) => new Set(row.text.replace(/[@#][\w.]+/g, ' ').normalize('NFC').toLowerCase().match(WORD) ?? []);
  const elsewhere = new Set(only === undefined ? [] : rows.filter((r) => r.language !== only).flatMap((r) => [...wordsOf(r)]));
  const counts = new Map<string, number>();
  rows.forEach((row, i) => {
    if (usage[i] === 0 || (only !== undefined && row.language !== only)) return;
    for (const word of wordsOf(row)) {
      if (!ADDED_WORDS.has(word) && !elsewhere.has(word)) counts.set(word, (counts.get(word) ?? 0) + usage[i]);
    }
  });
  return counts;
};

export interface Loaded {
  count: number;
  seconds: number;
  probes: Probes;
}

/**
 * Writes `count` complaints into the live tweets tables: LOAD_BATCH complaints per transaction, as the projector
 * writes them (each partition's received and classified events are a slice; every slice advances its checkpoint).
 */
export const loadComplaints = async (store: ReadStore, count: number, progress: (done: number) => void): Promise<Loaded> => {
  const factory = complaintFactory(count);
  const offsets = new Map<string, number>();
  const middle = Math.floor(count / 2);
  let picked: { id: string; reference: string; pnr: string } | undefined;
  const started = process.hrtime.bigint();
  for (let from = 0; from < count; from += LOAD_BATCH) {
    const slices = new Map<string, TweetSlice>();
    const add = (topic: string, event: ComplaintReceived | ComplaintClassified) => {
      const partition = partitionFor(event.data.complaintId, PARTITIONS);
      const key = `${topic}/${partition}`;
      const offset = offsets.get(key) ?? 0;
      offsets.set(key, offset + 1);
      const slice = slices.get(key) ?? { topic, partition, startOffset: offset, nextOffset: offset, events: [] };
      slice.events.push({ offset, event });
      slice.nextOffset = offset + 1;
      slices.set(key, slice);
    };
    for (let n = from; n < Math.min(count, from + LOAD_BATCH); n++) {
      const [received, classified] = factory.pair(n);
      add(LOAD_TOPICS.raw, received);
      add(LOAD_TOPICS.classified, classified);
      if (!picked && n >= middle && classified.data.pnr !== null) {
        picked = { id: received.data.complaintId, reference: received.data.reference, pnr: classified.data.pnr };
      }
    }
    await store.transaction((tx) => applyTweetSlices(store, tx, LIVE_TWEETS_TABLES, [...slices.values()]));
    progress(Math.min(count, from + LOAD_BATCH));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!picked) throw new Error('no complaint with a PNR was generated');

  const counts = [...wordRows(factory.rows, factory.usage)];
  const english = [...wordRows(factory.rows, factory.usage, 'en')].filter(([w]) => LATIN_WORD.test(w));
  const latin = counts.filter(([w]) => LATIN_WORD.test(w));
  const hindi = counts.filter(([w]) => DEVANAGARI_WORD.test(w));
  const byRows = (a: [string, number], b: [string, number]) => b[1] - a[1] || a[0].localeCompare(b[0]);
  // rare: an English word in about five rows (at least two); common: the Latin-script word in the most rows;
  // Hindi: the Devanagari word in the most rows
  const rare = english.filter(([, n]) => n >= 2).sort((a, b) => Math.abs(a[1] - 5) - Math.abs(b[1] - 5) || a[0].localeCompare(b[0]))[0];
  const common = latin.sort(byRows)[0];
  const hindiWord = hindi.sort(byRows)[0];
  return {
    count,
    seconds,
    probes: {
      ...picked,
      rareWord: { word: rare[0], rows: rare[1] },
      commonWord: { word: common[0], rows: common[1] },
      hindiWord: { word: hindiWord[0], rows: hindiWord[1] },
    },
  };
};
