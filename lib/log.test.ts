import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createAppLogger, wrap } from './log';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, destination };
}

describe('app logger (pino)', () => {
  it('writes one JSON object per line with level, time and message, honouring the level', () => {
    const { lines, destination } = capture();
    const log = wrap(createAppLogger({ level: 'info', destination }));
    log.debug('hidden');
    log.info('routing done', { chats: 3 });
    log.error('failed', { error: 'boom' });
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]);
    expect(first).toMatchObject({ level: 'info', msg: 'routing done', chats: 3 });
    expect(typeof first.time).toBe('string');
    expect(JSON.parse(lines[1])).toMatchObject({ level: 'error', msg: 'failed', error: 'boom' });
  });

  it('redacts secrets and chat secrets, at the top and one level down', () => {
    const { lines, destination } = capture();
    const log = wrap(createAppLogger({ destination }));
    log.warn('request', {
      chat_secret: 'cs-1',
      chatSecret: 'cs-2',
      password: 'hunter2',
      headers: { authorization: 'Bearer tok', cookie: 'next-auth.session-token=abc', 'content-type': 'application/json' },
      chat: { id: 'c1', secret: 'cs-3' },
      env: { PUSHER_SECRET: 'ps', NEXTAUTH_SECRET: 'ns', DATABASE_URL: 'postgresql://u:p@h/d' },
    });
    const line = lines.join('\n');
    for (const s of ['cs-1', 'cs-2', 'hunter2', 'Bearer tok', 'abc', 'cs-3', '"ps"', '"ns"', 'u:p@h']) expect(line).not.toContain(s);
    const o = JSON.parse(lines[0]);
    expect(o.headers).toEqual({ authorization: '[redacted]', cookie: '[redacted]', 'content-type': 'application/json' });
    expect(o.chat).toEqual({ id: 'c1', secret: '[redacted]' });
  });

  it('pretty output (development) is human-readable and redacted too', () => {
    const { lines, destination } = capture();
    const log = wrap(createAppLogger({ pretty: true, destination }));
    log.info('agent ready', { chatSecret: 'cs-9', agent: 'a1' });
    const text = lines.join('\n');
    expect(text).toContain('agent ready');
    expect(text).toContain('INFO');
    expect(text).not.toContain('cs-9');
    expect(() => JSON.parse(lines[0])).toThrow();
  });
});
