import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CATEGORIES, type Category } from './types';

/**
 * Real public posts labelled by hand (../shared/data, see its README). Their texts stay there: the project reads them
 * at training and evaluation time and never copies them into the repository.
 */
export interface RealPost {
  id: string;
  text: string;
  isComplaint: boolean;
  emergency: 0 | 1;
  /** 'none' when the post is not a complaint */
  category: Category | 'none';
  /** en, hi, hinglish, mixed or other */
  language: string;
  /** false when the label was a judgement call */
  sure: boolean;
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

const COLUMNS = ['id', 'text', 'is_complaint', 'emergency', 'category', 'language', 'sure'] as const;

/** The labelled posts of a CSV file with the columns id,text,is_complaint,emergency,category,language,sure[,...]. */
export function parseRealPosts(source: string, name = 'the CSV'): RealPost[] {
  const [header, ...rows] = parseCsv(source.replace(/^\uFEFF/, ''));
  if (!header) throw new Error(`${name} is empty`);
  const at = Object.fromEntries(
    COLUMNS.map((column) => {
      const i = header.indexOf(column);
      if (i < 0) throw new Error(`${name} has no column ${column}`);
      return [column, i];
    }),
  ) as Record<(typeof COLUMNS)[number], number>;
  const flag = (row: string[], column: (typeof COLUMNS)[number], line: number) => {
    const value = row[at[column]];
    if (value !== '0' && value !== '1') throw new Error(`${name}, row ${line}: ${column} is ${JSON.stringify(value)}, not 0 or 1`);
    return value === '1';
  };
  return rows.map((row, i) => {
    const line = i + 2;
    if (row.length !== header.length) throw new Error(`${name}, row ${line}: ${row.length} fields, the header has ${header.length}`);
    const category = row[at.category];
    if (category !== 'none' && !(CATEGORIES as readonly string[]).includes(category)) {
      throw new Error(`${name}, row ${line}: unknown category ${JSON.stringify(category)}`);
    }
    return {
      id: row[at.id],
      text: row[at.text],
      isComplaint: flag(row, 'is_complaint', line),
      emergency: flag(row, 'emergency', line) ? 1 : 0,
      category: category as Category | 'none',
      language: row[at.language],
      sure: flag(row, 'sure', line),
    };
  });
}

export function loadRealPosts(path: string): RealPost[] {
  return parseRealPosts(readFileSync(path, 'utf8'), path);
}

export function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export const REAL_TRAIN_FILE = join('..', 'shared', 'data', 'railway_posts_train.csv');
export const REAL_DEV_FILE = join('..', 'shared', 'data', 'railway_posts_dev.csv');

/** The repository's root (src/classify or dist/src/classify are two or three levels below it). */
function repositoryRoot(): string {
  const here = resolve(__dirname, '..', '..');
  return existsSync(join(here, 'package.json')) ? here : resolve(here, '..');
}

/**
 * Where `relative` (a path under ../shared/data) is: beside the repository's root, else beside the working directory;
 * undefined when neither has it.
 */
export function findSharedFile(relative: string, cwd = process.cwd()): string | undefined {
  return [resolve(repositoryRoot(), relative), resolve(cwd, relative)].find((p) => existsSync(p));
}
