import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, parseLogLevel } from './log';

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

describe('realtime server logger (pino)', () => {
  it('JSON lines with the level as a word, filtered by level', () => {
    const { lines, destination } = capture();
    const log = createLogger('warn', { pretty: false, destination });
    log.info('connected', { socketId: '1.2' });
    log.warn('slow consumer dropped', { socketId: '1.2', buffered: 10 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'warn', msg: 'slow consumer dropped', socketId: '1.2', buffered: 10 });
  });

  it('redacts the app secret, auth signatures and chat secrets', () => {
    const { lines, destination } = capture();
    const log = createLogger('debug', { pretty: false, destination });
    log.debug('subscription refused', { auth: 'key:abcdef', channel_data: '{}', body: { chat_secret: 'cs', secret: 'app-secret' } });
    log.error('webhook batch dropped', { error: new Error('timeout'), headers: { 'x-pusher-signature': 'sig' } });
    const text = lines.join('\n');
    for (const s of ['abcdef', '"cs"', 'app-secret', '"sig"']) expect(text).not.toContain(s);
    expect(JSON.parse(lines[1]).error).toMatchObject({ message: 'timeout' });
  });

  it('silent writes nothing; unknown levels fall back', () => {
    const { lines, destination } = capture();
    createLogger('silent', { pretty: false, destination }).error('x');
    expect(lines).toEqual([]);
    expect(parseLogLevel('loud')).toBe('info');
    expect(parseLogLevel('debug')).toBe('debug');
  });
});
