// The after-chat inputs refuse what PostgreSQL cannot store (the hostile corpus found NUL and lone
// surrogates in a rating comment answered 500): a clear 400 instead.
import { describe, expect, it } from 'vitest';
import { rateChatSchema, transcriptEmailSchema } from './after-chat-input';

describe('after-chat inputs', () => {
  it('accepts a rating with a normal comment and refuses control characters and lone surrogates', () => {
    expect(rateChatSchema.parse({ rating: 4, comment: 'Très bien 👍\nmerci\t!' })).toEqual({ rating: 4, comment: 'Très bien 👍\nmerci\t!' });
    for (const bad of ['\u0000', 'a\u0000b', '\ud800', 'x\udc00', '\udc00\ud800', 'bell\u0007']) {
      expect(rateChatSchema.safeParse({ rating: 4, comment: bad }).success, JSON.stringify(bad)).toBe(false);
    }
    for (const bad of [0, 6, 2.5, '4', null]) expect(rateChatSchema.safeParse({ rating: bad }).success).toBe(false);
    expect(rateChatSchema.safeParse({ rating: 3, extra: 1 }).success).toBe(false);
  });

  it('checks the transcript address and time zone', () => {
    expect(transcriptEmailSchema.safeParse({ email: 'a@example.org', timeZone: 'America/Toronto', locale: 'fr-CA' }).success).toBe(true);
    for (const bad of [{ email: 'nope' }, { email: 'a@example.org', timeZone: 'Mars/Base' }, { email: 'a@example.org', locale: 'de' }]) {
      expect(transcriptEmailSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
