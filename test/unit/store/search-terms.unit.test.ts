import { parseSearch, searchDocument, type SearchTerm } from '../../../src/store/search';
import { termCountsSql, termsOf, termWalkSql } from '../../../src/store/search-terms';

const termsOfQuery = (q: string): SearchTerm[] => {
  const search = parseSearch(q);
  if (search.kind !== 'words') throw new Error('words expected');
  return search.terms;
};

const walk = (q: string, counts: number[], before?: number) =>
  termWalkSql({ tweetsTable: 'tweets', terms: termsOfQuery(q), counts, conditions: ['t.prediction = ?'], conditionParams: [1], before, limit: 100, columns: 't.id' });

describe('the MySQL term index', () => {
  it('indexes a row under each distinct key of its search document, a Devanagari word in both scripts', () => {
    const terms = termsOf(searchDocument('no water, NO food: खराब'));
    expect([...terms].filter((t) => t.startsWith('ww'))).toEqual(['wwno', 'wwwater', 'wwfood', 'wwkharab']);
    expect(terms.size).toBe(5);
    expect(termsOf(null).size).toBe(0);
  });

  it('counts each word, and each word of a phrase, as one requirement', () => {
    const { sql, params } = termCountsSql('tweets', termsOfQuery('खराब "no water"'));
    expect(sql.match(/ AS n\d/g)).toEqual([' AS n0', ' AS n1', ' AS n2']);
    expect(params).toEqual([...termsOfQuery('खराब')[0].keys, 'wwno', 'wwwater']);
  });

  it('walks the rarest requirement and probes the others, with the page limit on the walk', () => {
    const { sql, params } = walk('please help water', [5000, 5000, 12], 900);
    expect(params.slice(0, 3)).toEqual(['wwwater', 900, 1]);
    expect(params.slice(3)).toEqual(['wwplease', 'wwhelp', 100]);
    expect(sql).toMatch(/^SELECT STRAIGHT_JOIN t\.id FROM tweets_terms d, tweets t WHERE d\.term = \? AND t\.id = d\.id AND d\.id < \?/);
    expect(sql).toMatch(/ORDER BY d\.id DESC LIMIT \?$/);
    expect(sql).not.toContain('UNION');
  });

  it('merges the walks of a leading two-script word, and checks a phrase on the document', () => {
    const hindi = termsOfQuery('खराब')[0].keys;
    const { sql, params } = walk('खराब "no water"', [3, 900, 800]);
    expect(sql.match(/d\.term = \?/g)).toHaveLength(2);
    expect(sql).toContain(' UNION ');
    expect(params[0]).toBe(hindi[0]);
    expect(params).toContain(hindi[1]);
    expect(params).toContain(' wwno wwwater ');
    expect(params[params.length - 1]).toBe(100);
  });
});
