// Issue 15, defect 2: slow request bodies must not shut the fast lane. A flood of 600
// connections from one loopback address (127.0.0.2), each sending a send's headers and a part of
// its body and then nothing, is held open while a contact on 127.0.0.1 sends from a real browser.
// Before the fix every one of them counted as in flight (the cap is 512) and the contact's send
// was answered 503 until the flood gave up.
import net from 'node:net';
import { expect, test } from './fixtures/test';

const FLOOD = 600;

async function slowBody(host: string, port: number, path: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port, localAddress: '127.0.0.2' }, () => {
      s.write(`POST ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nContent-Type: application/json\r\nAuthorization: Bearer x\r\nContent-Length: 200\r\n\r\n{"clientId":"fl`);
      resolve(s);
    });
    s.once('error', reject);
  });
}

test('600 slow bodies from one address do not stop a contact on another from sending', async ({ world, baseURL }) => {
  test.setTimeout(120_000);
  const contact = await world.contact();
  const name = `Flood ${Date.now().toString(36)}`;
  await contact.start({ name, question: 'Still there?' });
  const agent = await world.agent('agent1');
  await agent.setState('Ready');
  await agent.accept(name);
  await contact.expectChatting();

  const url = new URL(baseURL!);
  const sockets: net.Socket[] = [];
  const closedEarly: string[] = [];
  try {
    for (let i = 0; i < FLOOD; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, FLOOD - i) }, (_, j) => slowBody(url.hostname, Number(url.port), `/api/v1/chats/flood${i + j}/messages`)),
      );
      for (const s of batch) {
        s.on('data', (d: Buffer) => closedEarly.push(d.toString().split('\r\n')[0]!));
        sockets.push(s);
      }
    }
    expect(sockets.filter((s) => !s.destroyed)).toHaveLength(FLOOD);

    // The contact's send is stored and answered while the flood is held open.
    const answered = contact.page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/v1\/chats\/[^/]+\/messages$/.test(r.url()));
    await contact.send('Sent during the flood');
    expect((await answered).status()).toBe(200);
    await expect(agent.page.getByRole('log', { name: 'Transcript' })).toContainText('Sent during the flood');
    // The flood was still there: none of its bodies had arrived, so none was answered.
    expect(sockets.filter((s) => !s.destroyed)).toHaveLength(FLOOD);
    expect(closedEarly).toEqual([]);
  } finally {
    for (const s of sockets) s.destroy();
  }
});
