import { replies, triageReply } from '../../../src/bot/replies';

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

describe('/status in words', () => {
  const complaint = (status: string) => ({ reference: 'RS-7K3M9-Q2XAB', status, category: 'water', emergency: false, response: null, receivedAt: null });

  it.each([
    ['new', 'received', 'प्राप्त'],
    ['acknowledged', 'seen by staff', 'स्टाफ ने देखा'],
    ['in_progress', 'being looked into', 'जाँच में'],
    ['responded', 'responded', 'जवाब दिया गया'],
    ['resolved', 'resolved', 'हल हो गया'],
    ['reopened', 'being looked into again', 'फिर से जाँच में'],
  ])('tells the passenger a %s complaint is "%s"', (status, en, hi) => {
    expect(replies.status('en', complaint(status))).toBe(`RS-7K3M9-Q2XAB: ${en}, water`);
    expect(replies.status('hi', complaint(status))).toBe(`RS-7K3M9-Q2XAB: ${hi}, water`);
  });
});
