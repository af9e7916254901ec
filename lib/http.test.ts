import { describe, expect, it } from 'vitest';
import { MAX_AUTH_BODY, readForm, readText } from './http';

/** A request whose body is produced on demand, counting what the reader pulled. */
function endless(chunk = 1024) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      pulled += chunk;
      c.enqueue(new Uint8Array(chunk).fill(0x61));
    },
  });
  const req = new Request('http://app/api/pusher/auth', { method: 'POST', body, duplex: 'half' } as RequestInit);
  return { req, pulled: () => pulled };
}

describe('capped bodies', () => {
  it('stop reading as soon as the cap is passed (an endless body is refused, not buffered)', async () => {
    const { req, pulled } = endless();
    await expect(readText(req, MAX_AUTH_BODY)).rejects.toMatchObject({ code: 'invalidInput', message: 'request body too large' });
    expect(pulled()).toBeLessThanOrEqual(MAX_AUTH_BODY + 4 * 1024);
  });

  it('refuse a declared length over the cap before reading', async () => {
    const req = new Request('http://app/x', { method: 'POST', body: 'a', headers: { 'content-length': String(MAX_AUTH_BODY + 1) } });
    await expect(readText(req, MAX_AUTH_BODY)).rejects.toMatchObject({ message: 'request body too large' });
  });

  it('read a small form', async () => {
    const req = new Request('http://app/x', { method: 'POST', body: 'socket_id=1.2&channel_name=private-chat-a' });
    expect(await readForm(req)).toEqual({ socket_id: '1.2', channel_name: 'private-chat-a' });
  });
});
