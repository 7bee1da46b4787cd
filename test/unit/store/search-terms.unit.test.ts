import { indexedKey, parseSearch, searchDocument, type SearchTerm } from '../../../src/store/search';
import { sortedTermRows, termConditionsSql, termCountsSql, termHash, termRequirements, termsOf, termWalkSql } from '../../../src/store/search-terms';

const termsOfQuery = (q: string): SearchTerm[] => {
  const search = parseSearch(q);
  if (search.kind !== 'words') throw new Error('words expected');
  return search.terms;
};

const walk = (q: string, counts: number[], before?: number) =>
  termWalkSql({ tweetsTable: 'tweets', terms: termsOfQuery(q), counts, conditions: ['t.prediction = ?'], conditionParams: [1], before, limit: 100, columns: 't.id' });

const h = termHash;
/** a Devanagari word's key cut at 20 code points: it may stand for several words */
const LONG_WORD = 'अन्तर्राष्ट्रीयकरणविरोधीआन्दोलन';

describe('the MySQL term index', () => {
  it('hashes a key to the same 53-bit integer on every run (the table stores it)', () => {
    expect(h('wwwater')).toBe(189353796231496);
    expect(h('wwkharab')).toBe(4677163419108039);
    expect(h('')).toBe(3338908027751811);
    for (const key of ['wwa', 'wwb', 'x01sl01tz', 'ww4512791357']) {
      expect(Number.isSafeInteger(h(key)) && h(key) >= 0).toBe(true);
    }
    expect(h('wwab')).not.toBe(h('wwba'));
  });

  it('indexes a row under each distinct key of its document, a Devanagari word once, under its Latin spelling', () => {
    const document = searchDocument('no water, NO food: खराब');
    expect(new Set(document.split(' ')).size).toBe(5);
    expect(termsOf(document)).toEqual(new Set(['wwno', 'wwwater', 'wwfood', 'wwkharab'].map(h)));
    expect(termsOf(null).size).toBe(0);
    expect(termsOf('').size).toBe(0);
  });

  it('keeps a Devanagari key of its own when the word has no Latin spelling or was cut short', () => {
    const [hindi] = searchDocument('खराब').split(' ');
    expect(indexedKey(hindi)).toBe('wwkharab');
    expect(indexedKey('wwwater')).toBe('wwwater');
    const [cafe] = searchDocument('café').split(' ');
    expect(indexedKey(cafe)).toBe(cafe);
    const [cut] = searchDocument(LONG_WORD).split(' ');
    expect(indexedKey(cut)).toBe(cut);
    expect(termsOf(searchDocument(LONG_WORD)).size).toBe(2);
  });

  it('writes the pairs in primary-key order, term then id, as integer literals', () => {
    expect(sortedTermRows([9, 2, 3, 7, 9, 1, 3, 5])).toEqual(['(3,5)', '(3,7)', '(9,1)', '(9,2)']);
    expect(sortedTermRows([2 ** 53 - 1, 1, 2 ** 40, 1])).toEqual([`(${2 ** 40},1)`, `(${2 ** 53 - 1},1)`]);
  });

  it('asks the index for one entry per word, a Hindi word in either script alike', () => {
    expect(termRequirements(termsOfQuery('खराब'))).toEqual([[h('wwkharab')]]);
    expect(termRequirements(termsOfQuery('kharab'))).toEqual([[h('wwkharab')]]);
    expect(termRequirements(termsOfQuery(LONG_WORD))[0]).toHaveLength(2);
  });

  it('counts each word, and each word of a phrase, as one requirement', () => {
    const { sql, params } = termCountsSql('tweets', termsOfQuery('खराब "no water"'));
    expect(sql.match(/ AS n\d/g)).toEqual([' AS n0', ' AS n1', ' AS n2']);
    expect(params).toEqual([h('wwkharab'), h('wwno'), h('wwwater')]);
  });

  it('walks the rarest requirement and checks every word on the row, with the page limit on the walk', () => {
    const { sql, params } = walk('please help water', [5000, 5000, 12], 900);
    expect(params).toEqual([h('wwwater'), 900, 1, ' wwplease ', ' wwhelp ', ' wwwater ', 100]);
    expect(sql).toMatch(/^SELECT STRAIGHT_JOIN t\.id FROM tweets_terms d, tweets t WHERE d\.term = \? AND t\.id = d\.id AND d\.id < \?/);
    expect(sql.match(/INSTR\(CONCAT\(' ', t\.search_text, ' '\), \?\) > 0/g)).toHaveLength(3);
    expect(sql).toMatch(/ORDER BY d\.id DESC LIMIT \?$/);
    expect(sql).not.toContain('UNION');
    expect(sql).not.toContain('tweets_terms o');
  });

  it('checks a Hindi word in either script and a phrase in order on the document', () => {
    const hindi = termsOfQuery('खराब')[0].keys;
    const { sql, params } = walk('खराब "no water"', [3, 900, 800]);
    expect(sql).not.toContain(' UNION ');
    expect(params[0]).toBe(h('wwkharab'));
    expect(sql).toContain(`(INSTR(CONCAT(' ', t.search_text, ' '), ?) > 0 OR INSTR(CONCAT(' ', t.search_text, ' '), ?) > 0)`);
    expect(params).toEqual(expect.arrayContaining([` ${hindi[0]} `, ' wwkharab ', ' wwno wwwater ']));
    expect(params[params.length - 1]).toBe(100);
  });

  it('merges the walks of a leading word whose Devanagari key was cut short', () => {
    const { sql } = walk(LONG_WORD, [0]);
    expect(sql.match(/d\.term = \?/g)).toHaveLength(2);
    expect(sql).toContain(' UNION ');
  });

  it('checks a word search on the rows another index leads to by their documents alone', () => {
    const { conditions, params } = termConditionsSql(termsOfQuery('water "no light"'));
    expect(conditions).toHaveLength(2);
    expect(params).toEqual([' wwwater ', ' wwno wwlight ']);
  });
});
