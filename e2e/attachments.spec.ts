// Attachments both ways, in real browsers against the real app, database, store and realtime server.
import AxeBuilder from '@axe-core/playwright';
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { PDF, PNG_16 } from '../lib/attachments/test-files';
import { uniqueName } from './fixtures/people';
import { expect, test } from './fixtures/test';

async function chatWithAlex(world: Parameters<Parameters<typeof test>[2]>[0]['world']) {
  const name = uniqueName('Fiona');
  const contact = await world.contact();
  const session = await contact.start({ name, question: 'My screen shows an error' });
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  await alex.accept(name);
  await contact.expectChatting();
  await alex.setState('Not Ready – Break');
  return { name, contact, alex, session };
}

test('a PNG from the contact shows inline for the agent; a PDF from the agent downloads identical bytes', async ({ world, baseURL }) => {
  test.setTimeout(90_000);
  const { contact, alex, session } = await chatWithAlex(world);

  await contact.page.getByLabel('Attach file').setInputFiles({ name: 'error screen.png', mimeType: 'image/png', buffer: PNG_16 });
  await contact.messageBox.fill('Here is the error');
  await contact.page.getByRole('button', { name: 'Send' }).click();
  const img = alex.transcript.getByRole('img', { name: 'error screen.png' });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(16);
  await expect(contact.transcript.getByRole('img', { name: 'error screen.png' })).toBeVisible();

  await alex.page.getByLabel('Attach file').setInputFiles({ name: 'form.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(alex.page.getByRole('list', { name: 'Files to send' })).toContainText('form.pdf');
  await alex.page.getByRole('button', { name: 'Send' }).click();
  const link = contact.transcript.getByRole('link', { name: /^form\.pdf \(\d+ B, application\/pdf\)$/ });
  await expect(link).toBeVisible();
  const [download] = await Promise.all([contact.page.waitForEvent('download'), link.click()]);
  expect((await readFile((await download.path())!)).equals(PDF)).toBe(true);

  // The bare download address opens nothing without the chat's secret or a session.
  const fileId = await contact.page.evaluate(async (s) => {
    const r = await fetch(`/api/v1/chats/${s.chatId}?after=0`, { headers: { authorization: `Bearer ${s.secret}` } });
    const body = (await r.json()) as { messages: { attachments?: { id: string; name: string }[] }[] };
    return body.messages.flatMap((m) => m.attachments ?? []).find((a) => a.name === 'form.pdf')!.id;
  }, session);
  const bare = await fetch(`${baseURL}/api/v1/chats/${session.chatId}/files/${fileId}`);
  expect(bare.status).toBe(401);
  expect((await bare.text()).includes('%PDF')).toBe(false);
  const staffBare = await fetch(`${baseURL}/api/interactions/${session.chatId}/files/${fileId}`);
  expect(staffBare.status).toBe(401);
  const wrong = await fetch(`${baseURL}/api/v1/chats/${session.chatId}/files/${fileId}`, { headers: { authorization: 'Bearer not-the-secret' } });
  expect(wrong.status).toBe(401);
  const ok = await fetch(`${baseURL}/api/v1/chats/${session.chatId}/files/${fileId}`, { headers: { authorization: `Bearer ${session.secret}` } });
  expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
  expect(ok.headers.get('content-disposition')).toMatch(/^attachment;/);
  expect(ok.headers.get('content-security-policy')).toContain("default-src 'none'");
});

test('a 25 MB file is refused with the message and nothing is sent; HTML dressed as .png is refused', async ({ world, baseURL }, testInfo) => {
  test.setTimeout(90_000);
  const { contact, alex, session } = await chatWithAlex(world);
  // From a file on disk, as a person picks it: the browser reads the path itself. (A 25 MB buffer
  // would be copied through the browser protocol in base64, which takes longer than the action
  // timeout on a loaded machine.)
  const hugePath = testInfo.outputPath('huge.png');
  await writeFile(hugePath, Buffer.alloc(25 * 1024 * 1024, 1));
  await contact.page.getByLabel('Attach file').setInputFiles(hugePath);
  await expect(contact.page.getByRole('alert').filter({ hasText: 'huge.png is larger than the 20 MB limit.' })).toBeVisible();
  await expect(contact.page.getByRole('list', { name: 'Files to send' })).toHaveCount(0);
  await expect(contact.page.getByRole('button', { name: 'Send' })).toBeDisabled();

  // The server refuses it too, before storing anything.
  const up = (body: Buffer, name: string, clientId: string) =>
    fetch(`${baseURL}/api/v1/chats/${session.chatId}/files`, { method: 'POST', body: new Uint8Array(body), headers: { authorization: `Bearer ${session.secret}`, 'x-file-name': encodeURIComponent(name), 'x-client-id': clientId, 'content-type': 'image/png' } });
  // (Refused on Content-Length before reading; the server then stops draining the rest after 16 MB,
  // so the client may see the connection close instead of reading the 413.)
  const huge = await up(Buffer.alloc(25 * 1024 * 1024, 1), 'huge.png', 'huge-file-1').catch(() => null);
  if (huge) expect(huge.status).toBe(413);
  const html = await up(Buffer.from('<html><body><script>alert(1)</script></body></html>'), 'cat.png', 'html-file-1');
  expect(html.status).toBe(415);
  expect(((await html.json()) as { error: { reason: string } }).error.reason).toBe('typeNotAllowed');
  // In the page, the refusal is in words.
  await contact.page.getByLabel('Attach file').setInputFiles({ name: 'cat.png', mimeType: 'image/png', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
  await expect(contact.page.getByRole('alert').filter({ hasText: 'cat.png is not a type of file that can be sent.' })).toBeVisible();
  await expect(alex.transcript.getByText(/huge\.png|cat\.png/)).toHaveCount(0);
});

test('a coaching attachment never reaches the contact (page, API)', async ({ world }) => {
  test.setTimeout(90_000);
  const { contact, alex, session } = await chatWithAlex(world);
  const res = await alex.page.request.post(`/api/interactions/${session.chatId}/files`, { data: PDF, headers: { 'x-file-name': 'coaching-notes.pdf', 'x-client-id': 'coach-file-1', 'content-type': 'application/octet-stream' } });
  expect(res.status()).toBe(201);
  const { file } = (await res.json()) as { file: { id: string } };
  const sent = await alex.page.request.post(`/api/interactions/${session.chatId}/internal`, { data: { clientId: 'coach-msg-00001', text: '', thread: 'coaching', attachmentIds: [file.id] } });
  expect(sent.status()).toBe(200);
  await expect(alex.transcript.getByText(/coaching-notes\.pdf/)).toBeVisible();
  await alex.send('A visible reply');
  await expect(contact.item('A visible reply')).toBeVisible();
  await expect(contact.page.getByText(/coaching-notes/)).toHaveCount(0);
  const api = await contact.page.evaluate(async (s) => (await fetch(`/api/v1/chats/${s.chatId}?after=0`, { headers: { authorization: `Bearer ${s.secret}` } })).text(), session);
  expect(api).not.toContain('coaching-notes');
  const direct = await contact.page.evaluate(async ({ s, id }) => (await fetch(`/api/v1/chats/${s.chatId}/files/${id}`, { headers: { authorization: `Bearer ${s.secret}` } })).status, { s: session, id: file.id });
  expect(direct).toBe(404);
});

test('axe: the attach controls on the contact page and in the agent composer', async ({ world }) => {
  test.setTimeout(90_000);
  const { contact, alex } = await chatWithAlex(world);
  await contact.page.getByLabel('Attach file').setInputFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
  await expect(contact.page.getByRole('alert').filter({ hasText: 'empty.txt is empty.' })).toBeVisible();
  for (const page of [contact.page, alex.page]) {
    await expect(page.getByLabel('Attach file')).toBeAttached();
    const result = await new AxeBuilder({ page }).include('form').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  }
});

test('hostile uploads: traversal and huge names, zero bytes, a lying Content-Length, multipart bodies', async ({ world, baseURL }) => {
  test.setTimeout(90_000);
  const { session, alex } = await chatWithAlex(world);
  const url = `${baseURL}/api/v1/chats/${session.chatId}/files`;
  const up = (body: Uint8Array<ArrayBuffer>, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', body, headers: { authorization: `Bearer ${session.secret}`, 'x-client-id': `h-${Math.random().toString(36).slice(2, 12)}`, ...headers } });

  const traversal = await up(new Uint8Array(PNG_16), { 'x-file-name': encodeURIComponent('../../../etc/passwd.png') });
  expect(traversal.status).toBe(201);
  expect(((await traversal.json()) as { file: { name: string } }).file.name).toBe('passwd.png');
  const huge = await up(new Uint8Array(PNG_16), { 'x-file-name': encodeURIComponent(`${'é'.repeat(300)}.png`) });
  expect(huge.status).toBe(201);
  expect(Array.from(((await huge.json()) as { file: { name: string } }).file.name).length).toBe(200);
  expect((await up(new Uint8Array(PNG_16), { 'x-file-name': 'x'.repeat(3000) })).status).toBe(400);
  const empty = await up(new Uint8Array(), { 'x-file-name': 'empty.pdf' });
  expect([413, 422]).toContain(empty.status);
  expect(((await empty.json()) as { error: { reason: string } }).error.reason).toBe('empty');
  // multipart is refused before reading (nothing to bomb)
  const boundary = 'b0mb';
  const parts = Array.from({ length: 2000 }, (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"; filename="a${i}.png"\r\n\r\nx\r\n`).join('') + `--${boundary}--\r\n`;
  const multipart = await up(new TextEncoder().encode(parts), { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-file-name': 'm.png' });
  expect(multipart.status).toBe(400);
  // a declared length over the limit is refused before the body is read
  const lying = await new Promise<number>((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${session.secret}`, 'x-client-id': 'lying-len-1', 'x-file-name': 'l.png', 'content-length': String(500 * 1024 * 1024) } }, (res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      req.destroy();
    });
    req.on('error', reject);
    req.write(PNG_16);
  });
  expect(lying).toBe(413);
  // none of it reached the agent
  await expect(alex.transcript.getByText(/passwd|empty\.pdf|m\.png|l\.png/)).toHaveCount(0);
});
