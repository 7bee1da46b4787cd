import type { z } from 'zod';
import { emptyTweetRow } from '../../../src/projections/tweet-row';
import { adminPasswordBody, intakeBody, tweetJson } from '../../../src/read-api/schemas';
import type { TweetJson } from '../../../src/read-api/socket-events';
import { toTweetJson } from '../../../src/read-api/tweet-json';

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

/** true only when A and B are the same type: each assignable to the other */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('the OpenAPI document\'s Tweet is the complaint the API answers', () => {
  it('declares exactly the fields of TweetJson, with the same types (a drift fails the type check)', () => {
    const same: Same<z.infer<typeof tweetJson>, TweetJson> = true;
    expect(same).toBe(true);
  });

  it('accepts what toTweetJson answers for a row, and nothing more', () => {
    const row = { ...emptyTweetRow('7c9e6679-7425-40de-944b-e07fc1f90ae7'), id: 7, tweet: 'fire in coach S9', status: 'new' as const };
    const json = toTweetJson(row, new Date('2026-12-05T00:00:00Z'));
    expect(tweetJson.strict().safeParse(json).success).toBe(true);
    expect(Object.keys(json).sort()).toEqual(Object.keys(tweetJson.shape).sort());
  });
});
