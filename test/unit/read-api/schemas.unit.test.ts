import { adminPasswordBody, intakeBody } from '../../../src/read-api/schemas';

describe('request schemas count characters as JSON Schema does (code points)', () => {
  // Four emoji are eight UTF-16 units but four characters.
  const emoji = '😀😀😀😀';

  it('refuses a password under 12 characters even when it is 12 UTF-16 units long', () => {
    const password = `${emoji}abcd`;
    expect(password.length).toBe(12);
    expect(adminPasswordBody.safeParse({ password }).success).toBe(false);
    expect(adminPasswordBody.safeParse({ password: `${emoji}abcdefgh` }).success).toBe(true);
  });

  it('takes the longest text by characters, not UTF-16 units', () => {
    const text = 'x'.repeat(3996) + emoji;
    expect(text.length).toBe(4004);
    expect(intakeBody.safeParse({ text }).success).toBe(true);
    expect(intakeBody.safeParse({ text: `${text}!` }).success).toBe(false);
  });
});
