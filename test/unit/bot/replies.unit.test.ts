import { triageReply } from '../../../src/bot/replies';

describe('the reply after the acknowledgement', () => {
  it.each(['en', 'hi'] as const)('gives the helplines (139, RPF 182) for an emergency (%s)', (lang) => {
    const reply = triageReply(lang, { emergency: 1, review: false });
    expect(reply).toContain('139');
    expect(reply).toContain('182');
  });

  it.each(['en', 'hi'] as const)('gives the helplines for a complaint that needs review, as for an emergency (%s)', (lang) => {
    const reply = triageReply(lang, { emergency: 0, review: true });
    expect(reply).toContain('139');
    expect(reply).toContain('182');
    expect(reply).not.toBe(triageReply(lang, { emergency: 1, review: false }));
  });

  it('says nothing more for routine feedback', () => {
    expect(triageReply('en', { emergency: 0, review: false })).toBeNull();
    expect(triageReply('hi', { emergency: 0, review: false })).toBeNull();
  });
});
