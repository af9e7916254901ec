import { describe, expect, it } from 'vitest';
import { MESSAGE_MAX, agentStateSchema, sendMessageSchema, startChatSchema } from './schemas';

describe('startChatSchema', () => {
  it('accepts a minimal form and normalises contact fields', () => {
    const r = startChatSchema.parse({ name: ' Jo ', question: 'Help', email: 'JO@Example.com', phone: '+1 (514) 555-0100' });
    expect(r).toMatchObject({ name: 'Jo', email: 'jo@example.com', phone: '+15145550100', language: 'en' });
  });
  it('treats empty optional fields as absent', () => {
    expect(startChatSchema.parse({ name: 'Jo', question: 'Q', email: '', phone: '' })).toMatchObject({ email: undefined, phone: undefined });
  });
  it('refuses missing, malformed and oversize fields', () => {
    expect(startChatSchema.safeParse({ question: 'Q' }).success).toBe(false);
    expect(startChatSchema.safeParse({ name: '  ', question: 'Q' }).success).toBe(false);
    expect(startChatSchema.safeParse({ name: 'Jo', question: 'Q', email: 'nope' }).success).toBe(false);
    expect(startChatSchema.safeParse({ name: 'Jo', question: 'Q', phone: 'call me' }).success).toBe(false);
    expect(startChatSchema.safeParse({ name: 'x'.repeat(101), question: 'Q' }).success).toBe(false);
    expect(startChatSchema.safeParse({ name: 'Jo', question: 'Q', language: 'de' }).success).toBe(false);
    expect(startChatSchema.safeParse({ name: 'Jo\u0000', question: 'Q' }).success).toBe(false);
    // Lone surrogates (valid JSON escapes, not storable text) and control characters in the queue name.
    expect(startChatSchema.safeParse({ name: 'Jo\uD800', question: 'Q' }).success).toBe(false);
    expect(startChatSchema.safeParse({ name: 'Jo', question: 'Q\uDFFF' }).success).toBe(false);
    expect(startChatSchema.safeParse({ name: 'Jo', question: 'Q', queue: 'Main\u0000' }).success).toBe(false);
    expect(startChatSchema.safeParse({ name: 'Jo', question: 'Q', queue: '\uD83D' }).success).toBe(false);
    expect(startChatSchema.safeParse({ name: 'Jo 😀', question: 'Q 👨‍👩‍👧' }).success).toBe(true);
  });
});

describe('sendMessageSchema', () => {
  it('keeps markup as text and line breaks', () => {
    const r = sendMessageSchema.parse({ clientId: 'abcdefgh', text: '<img src=x onerror=alert(1)>\r\nline 2' });
    expect(r.text).toBe('<img src=x onerror=alert(1)>\nline 2');
  });
  it('refuses empty, whitespace, oversize, control characters and bad client ids', () => {
    expect(sendMessageSchema.safeParse({ clientId: 'abcdefgh', text: '' }).success).toBe(false);
    expect(sendMessageSchema.safeParse({ clientId: 'abcdefgh', text: ' \n ' }).success).toBe(false);
    expect(sendMessageSchema.safeParse({ clientId: 'abcdefgh', text: 'x'.repeat(MESSAGE_MAX + 1) }).success).toBe(false);
    expect(sendMessageSchema.safeParse({ clientId: 'abcdefgh', text: 'a\u0007b' }).success).toBe(false);
    expect(sendMessageSchema.safeParse({ clientId: 'short', text: 'hi' }).success).toBe(false);
    expect(sendMessageSchema.safeParse({ clientId: 'abcdefgh', text: 42 }).success).toBe(false);
    expect(sendMessageSchema.safeParse({ clientId: 'abcdefgh', text: 'a\uD83Db' }).success).toBe(false);
    expect(sendMessageSchema.safeParse({ clientId: 'abcdefgh', text: '\uDE00\uD83D' }).success).toBe(false);
  });
  it('accepts exactly the limit', () => {
    expect(sendMessageSchema.safeParse({ clientId: 'abcdefgh', text: 'x'.repeat(MESSAGE_MAX) }).success).toBe(true);
  });
});

describe('agentStateSchema', () => {
  it('needs a known reason for Not Ready', () => {
    expect(agentStateSchema.parse({ status: 'NOT_READY' })).toEqual({ status: 'NOT_READY', reason: 'break' });
    expect(agentStateSchema.safeParse({ status: 'NOT_READY', reason: 'nap' }).success).toBe(false);
    expect(agentStateSchema.safeParse({ status: 'ASLEEP' }).success).toBe(false);
  });
});
