import { fnv, RULE_SEED } from './hashing';
import { KEYWORD_RULES, MONEY_WORDS, NEGATIONS, NOW_MARKERS, PAST_MARKERS } from './keywords';
import { literalForms } from './patterns';

/**
 * The rule tables' one-word terms as word features: a word found in a table brings "lex:<category>:<d|t>" (danger
 * or topic word) and the rule's flags, and past, present, negation and money words bring their own marker. This is
 * the rule view without the per-text regex work: it is looked up once per distinct word and cached.
 */
const exact = new Map<string, Set<string>>();
const stems = new Map<string, Set<string>>();

function add(into: Map<string, Set<string>>, word: string, names: string[]): void {
  let set = into.get(word);
  if (!set) into.set(word, (set = new Set()));
  for (const n of names) set.add(n);
}

/** One plain word ("thief", "chor", "wom(a|e)n") or one stem ("steal*"); phrases are left to the n-grams. */
function addTerm(term: string, names: string[]): void {
  if (term.includes(' ') || term.includes('\\')) return;
  const forms = literalForms(term);
  if (forms) {
    for (const f of forms) add(exact, f, names);
    return;
  }
  const stem = /^([\u0900-\u097Fa-z]+)\*$/.exec(term.normalize('NFC'));
  if (stem && stem[1].length >= 3) add(stems, stem[1], names);
}

for (const rule of KEYWORD_RULES) {
  const names = [`lex:${rule.category}:${rule.danger >= 1 ? 'd' : rule.danger > 0 ? 'w' : 't'}`];
  if (rule.danger > 0) names.push('lex:danger');
  if (rule.personal) names.push('lex:personal');
  if (rule.fear) names.push('lex:fear');
  if (rule.woman) names.push('lex:woman');
  if (rule.money) names.push('lex:money-danger');
  for (const term of [...rule.en, ...rule.hi, ...rule.hinglish]) addTerm(term, names);
}
for (const term of PAST_MARKERS) addTerm(term, ['lex:past']);
for (const term of NOW_MARKERS) addTerm(term, ['lex:now']);
for (const term of NEGATIONS) addTerm(term, ['lex:neg']);
for (const term of MONEY_WORDS) addTerm(term, ['lex:money']);

const cache = new Map<string, readonly string[]>();
const NONE: readonly string[] = [];

/** The lexicon features of one word (lowercase, NFC). */
export function lexiconNames(token: string): readonly string[] {
  let names = cache.get(token);
  if (names) return names;
  const found = new Set<string>(exact.get(token) ?? []);
  for (let k = 3; k <= token.length; k++) {
    const s = stems.get(token.slice(0, k));
    if (s) for (const n of s) found.add(n);
  }
  names = found.size ? [...found] : NONE;
  if (cache.size > 200_000) cache.clear();
  cache.set(token, names);
  return names;
}

const hashes = new Map<string, Uint32Array>();

/** The same as hashes. */
export function lexiconHashes(token: string): Uint32Array {
  let h = hashes.get(token);
  if (!h) {
    if (hashes.size > 200_000) hashes.clear();
    h = Uint32Array.from(lexiconNames(token), (n) => fnv(RULE_SEED ^ 0x5bd1e995, n));
    hashes.set(token, h);
  }
  return h;
}
