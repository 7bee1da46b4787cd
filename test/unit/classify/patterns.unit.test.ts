import { firstChars, TermMatcher } from '../../../src/classify/patterns';

describe('firstChars', () => {
  test.each([
    ['fire', ['f']],
    ['(child|kid) missing', ['c', 'k']],
    ['wom(a|e)n', ['w']],
    ['(is )?late', ['i', 'l']],
    ['आग', ['आ']],
  ])('%s → %j', (term, chars) => expect([...firstChars(term)].sort()).toEqual(chars.sort()));
});

describe('TermMatcher', () => {
  const matcher = new TermMatcher([['fire extinguisher'], ['fire', 'harass*', 'ac .. not working', 'आग'], ['smell']]);
  const found = (text: string) => matcher.matchAll(text).map((m) => [m.list, m.text]);

  test.each([
    ['fire in coach', [[1, 'fire']]],
    ['no fire extinguisher', [[0, 'fire extinguisher']]],
    ['firewall', []],
    ['they are harassing her', [[1, 'harassing']]],
    ['the ac is still not working', [[1, 'ac is still not working']]],
    ['coach me aag', []],
    ['कोच में आग लगी', [[1, 'आग']]],
    ['आगे बढ़ो', []],
    ['burning smell and fire', [[2, 'smell'], [1, 'fire']]],
  ])('%s', (text, expected) => expect(found(text)).toEqual(expected));

  test('test() tells whether any term is present', () => {
    expect(matcher.test('a bad smell')).toBe(true);
    expect(matcher.test('all good')).toBe(false);
  });
});
