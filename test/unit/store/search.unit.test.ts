import { fts5Match, parseSearch, searchDocument } from '../../../src/store/search';

const keysOf = (text: string) => searchDocument(text).split(' ');

describe('the search document', () => {
  it('keeps every Latin or digit word as one plain key, short words and stopwords too', () => {
    expect(keysOf('AC not working in B3, the fan is OK')).toEqual(['wwac', 'wwnot', 'wwworking', 'wwin', 'wwb3', 'wwthe', 'wwfan', 'wwis', 'wwok']);
  });

  it('keeps a Devanagari word whole (vowel signs and virama included), then adds its Latin spelling', () => {
    const keys = keysOf('खाना खराब है');
    expect(keys).toHaveLength(6);
    expect(keys.slice(0, 3).every((k) => /^x[0-9a-z]+$/.test(k))).toBe(true);
    expect(keys).toContain('wwkharab');
    // the same word is the same key, a different word a different one
    expect(keysOf('खराब')[0]).toBe(keys[1]);
    expect(keysOf('खरब')[0]).not.toBe(keys[1]);
  });

  it('is the same for the composed and decomposed forms of a word', () => {
    expect(searchDocument('ड़ब्बा')).toBe(searchDocument('ड़ब्बा'.normalize('NFD')));
    expect(searchDocument('Café')).toBe(searchDocument('Cafe\u0301'));
  });

  it('has only ASCII letters and digits in its keys, whatever the text holds', () => {
    expect(searchDocument('"quoted" +plus -minus *star (x) OR NEAR <b> ; DROP TABLE')).toMatch(/^[a-z0-9 ]+$/);
  });
});

describe('the search box', () => {
  it('looks up a PNR, a reference, a complaint id, a train number and a username exactly', () => {
    expect(parseSearch(' 4512791357 ')).toEqual({ kind: 'pnr', pnr: 4512791357 });
    expect(parseSearch('rs-7k3m9-q2x4p')).toEqual({ kind: 'reference', reference: 'RS-7K3M9-Q2X4P' });
    expect(parseSearch('3F2504E0-4F89-41D3-9A0C-0305E82C3301')).toEqual({ kind: 'id', id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' });
    expect(parseSearch('12951')).toEqual({ kind: 'train', train: '12951' });
    expect(parseSearch('@asha_k')).toEqual({ kind: 'username', username: 'asha_k' });
  });

  it('asks for every word, and a quoted phrase in order', () => {
    const search = parseSearch('toilet "no water" dirty');
    expect(search).toEqual({
      kind: 'words',
      terms: [
        { kind: 'word', keys: ['wwtoilet'] },
        { kind: 'phrase', keys: ['wwno', 'wwwater'] },
        { kind: 'word', keys: ['wwdirty'] },
      ],
    });
    if (search.kind !== 'words') throw new Error('words expected');
    expect(fts5Match(search.terms)).toBe('wwtoilet AND "wwno wwwater" AND wwdirty');
  });

  it('finds a Hindi word in either script', () => {
    const search = parseSearch('खराब');
    if (search.kind !== 'words') throw new Error('words expected');
    expect(search.terms[0].keys).toEqual([keysOf('खराब')[0], 'wwkharab']);
    expect(fts5Match(search.terms)).toMatch(/^\(x[0-9a-z]+ OR wwkharab\)$/);
  });

  it('reads operators and stray quotes as plain words, never as query syntax', () => {
    const search = parseSearch('fan -broken +AC* OR NEAR( "unclosed');
    if (search.kind !== 'words') throw new Error('words expected');
    expect(search.terms.map((t) => t.keys.join())).toEqual(['wwfan', 'wwbroken', 'wwac', 'wwor', 'wwnear', 'wwunclosed']);
    expect(fts5Match(search.terms)).toMatch(/^[a-z0-9 ()"]+$/i);
  });

  it('has nothing to search in punctuation alone, and at most eight terms', () => {
    expect(parseSearch('"*+-"')).toEqual({ kind: 'none' });
    const many = parseSearch('a b c d e f g h i j k');
    expect(many.kind === 'words' && many.terms.length).toBe(8);
  });
});
