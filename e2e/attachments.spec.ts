// Attachments both ways, in real browsers against the real app, database, store and realtime server.
import AxeBuilder from '@axe-core/playwright';
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { Locator, Page } from '@playwright/test';
import { PDF, PNG_16 } from '../lib/attachments/test-files';
import { sql } from './fixtures/db';
import { ACCOUNTS, signIn, uniqueName } from './fixtures/people';
import { expect, test } from './fixtures/test';

/** A file dragged over `target` (the hint shows), then dropped on it: real DragEvents with a real DataTransfer in the page. */
async function dragOver(target: Locator, name: string, type: string, bytes: Buffer) {
  await target.evaluate(
    (el, f) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      (window as unknown as { __dropped: DataTransfer }).__dropped = dt;
      el.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: dt }));
      el.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
    },
    { name, type, b64: bytes.toString('base64') },
  );
}
async function dropIt(target: Locator) {
  await target.evaluate((el) => {
    const dt = (window as unknown as { __dropped: DataTransfer }).__dropped;
    el.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  });
}
/** An image pasted into `target` (a real ClipboardEvent carrying a file, as a screenshot paste does). */
async function pasteImage(target: Locator, name: string, bytes: Buffer) {
  await target.evaluate(
    (el, f) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: dt }));
    },
    { name, b64: bytes.toString('base64') },
  );
}

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

  // Once purged (the data lifecycle blanks the file in its message: attachments.db.test.ts proves
  // the purge does exactly this), the transcript says so in words instead of a link that 404s.
  await sql(
    `UPDATE "Message" SET attachments = jsonb_build_array(jsonb_build_object('id', $2::text, 'name', '', 'size', 0, 'type', '', 'removed', true)) WHERE "interactionId" = $1 AND attachments @> $3::jsonb`,
    [session.chatId, fileId, JSON.stringify([{ id: fileId }])],
  );
  await contact.page.reload();
  await expect(contact.transcript.getByText('File removed')).toBeVisible();
  await expect(contact.transcript.getByRole('link', { name: /form\.pdf/ })).toHaveCount(0);
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
  // The same corpus against the staff upload endpoint (session cookie).
  const staffUrl = `/api/interactions/${session.chatId}/files`;
  const staffUp = async (body: Buffer, headers: Record<string, string>) => {
    const r = await alex.page.request.post(staffUrl, { data: body, headers: { 'x-client-id': `s-${Math.random().toString(36).slice(2, 12)}`, 'content-type': 'application/octet-stream', ...headers } });
    return { status: r.status(), body: (await r.json().catch(() => ({}))) as { file?: { name: string }; error?: { reason?: string } } };
  };
  const sTraversal = await staffUp(PNG_16, { 'x-file-name': encodeURIComponent('..\\..\\windows\\system32\\evil.png') });
  expect(sTraversal.status).toBe(201);
  expect(sTraversal.body.file!.name).toBe('evil.png');
  const sHuge = await staffUp(PNG_16, { 'x-file-name': encodeURIComponent(`${'a'.repeat(1000)}.png`) });
  expect(sHuge.status).toBe(201);
  expect(sHuge.body.file!.name.length).toBe(200);
  expect((await staffUp(PNG_16, { 'x-file-name': 'x'.repeat(3000) })).status).toBe(400);
  const sEmpty = await staffUp(Buffer.alloc(0), { 'x-file-name': 'empty.pdf' });
  expect(sEmpty.body.error?.reason).toBe('empty');
  expect((await staffUp(Buffer.from(parts), { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-file-name': 'm.png' })).status).toBe(400);
  const cookie = (await alex.page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const sLying = await new Promise<number>((resolve, reject) => {
    const req = http.request(new URL(staffUrl, baseURL), { method: 'POST', headers: { cookie, origin: new URL(baseURL!).origin, 'x-client-id': 'lying-len-2', 'x-file-name': 'l.png', 'content-length': String(500 * 1024 * 1024) } }, (res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      req.destroy();
    });
    req.on('error', reject);
    req.write(PNG_16);
  });
  expect(sLying).toBe(413);
  // none of it reached anyone (uploads alone are never messages)
  await expect(alex.transcript.getByText(/passwd|evil|empty\.pdf|m\.png|l\.png/)).toHaveCount(0);
});

test('a file dropped onto the transcript or an image pasted is attached and sent (contact page and agent); the drop hint shows', async ({ world }) => {
  test.setTimeout(120_000);
  const { contact, alex } = await chatWithAlex(world);

  // The contact drops a PNG onto the transcript (not the composer).
  await dragOver(contact.transcript, 'dropped.png', 'image/png', PNG_16);
  await expect(contact.page.getByText('Drop files here to attach them')).toBeVisible();
  await dropIt(contact.transcript);
  await expect(contact.page.getByText('Drop files here to attach them')).toHaveCount(0);
  await expect(contact.page.getByRole('list', { name: 'Files to send' })).toContainText('dropped.png');
  await contact.page.getByRole('button', { name: 'Send' }).click();
  const img = alex.transcript.getByRole('img', { name: 'dropped.png' });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(16);

  // The agent drops a PDF onto their transcript, and pastes a screenshot into the message box.
  await dragOver(alex.transcript, 'dropped form.pdf', 'application/pdf', PDF);
  await expect(alex.page.getByText('Drop files here to attach them')).toBeVisible();
  await dropIt(alex.transcript);
  await pasteImage(alex.messageBox, 'pasted.png', PNG_16);
  const picked = alex.page.getByRole('list', { name: 'Files to send' });
  await expect(picked).toContainText('dropped form.pdf');
  await expect(picked).toContainText('pasted.png');
  await expect(alex.page.getByRole('button', { name: 'Send' })).toBeEnabled();
  await alex.page.getByRole('button', { name: 'Send' }).click();
  await expect(contact.transcript.getByRole('link', { name: /^dropped form\.pdf \(\d+ B, application\/pdf\)$/ })).toBeVisible();
  await expect(contact.transcript.getByRole('img', { name: 'pasted.png' })).toBeVisible();
  // Sent once each.
  const rows = await sql<{ n: string }>(`SELECT count(*)::text AS n FROM "Message" WHERE "interactionId" = $1 AND attachments IS NOT NULL`, [contact.session!.chatId]);
  expect(rows[0]!.n).toBe('2');
});

/** The supervisor's console, signed in (its own browser context). */
async function supervisorPage(world: Parameters<Parameters<typeof test>[2]>[0]['world']): Promise<Page> {
  const page = await (await world.newContext()).newPage();
  await signIn(page, ACCOUNTS.supervisor, /\/supervisor$/);
  await expect(page.getByRole('table', { name: 'Live chats' })).toBeVisible();
  await expect(page.getByText('Connecting…')).toHaveCount(0);
  return page;
}

test("the coach's file reaches the agent, never the contact; the coaching composer refuses a file over the configured limit", async ({ world }, testInfo) => {
  test.setTimeout(120_000);
  const sup = await supervisorPage(world);
  const { name, contact, alex, session } = await chatWithAlex(world);
  await sup.getByRole('table', { name: 'Live chats' }).getByRole('row', { name: new RegExp(name) }).getByRole('button', { name: 'Coach', exact: true }).click();
  const panel = sup.getByRole('region', { name: `Supervising ${name}` });
  await expect(panel.getByRole('textbox', { name: 'Coaching message' })).toBeVisible();

  // The staff-side pre-check uses the configured limit (20 MB by default), not the admin maximum.
  const bigPath = testInfo.outputPath('big.pdf');
  await writeFile(bigPath, Buffer.alloc(21 * 1024 * 1024, 1));
  await panel.getByLabel('Attach file').setInputFiles(bigPath);
  await expect(panel.getByRole('alert').filter({ hasText: 'big.pdf is larger than the 20 MB limit.' })).toBeVisible();

  await panel.getByLabel('Attach file').setInputFiles({ name: 'coach-tip.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(panel.getByRole('list', { name: 'Files to send' })).toContainText('coach-tip.pdf');
  await panel.getByRole('button', { name: 'Send to agent' }).click();
  await expect(alex.transcript.getByRole('link', { name: /^coach-tip\.pdf / })).toBeVisible();

  await alex.send('Visible after the coaching');
  await expect(contact.item('Visible after the coaching')).toBeVisible();
  await expect(contact.page.getByText(/coach-tip/)).toHaveCount(0);
  const api = await contact.page.evaluate(async (s) => (await fetch(`/api/v1/chats/${s.chatId}?after=0`, { headers: { authorization: `Bearer ${s.secret}` } })).text(), session);
  expect(api).toContain('Visible after the coaching');
  expect(api).not.toContain('coach-tip');
  const [row] = await sql<{ visibility: string; thread: string }>(`SELECT visibility::text AS visibility, thread FROM "Message" WHERE "interactionId" = $1 AND attachments::text LIKE '%coach-tip%'`, [session.chatId]);
  expect(row).toEqual({ visibility: 'INTERNAL', thread: 'coaching' });
});

test('a consultation file reaches the consulted agent (identical bytes) and never the contact (page, channel, API, download)', async ({ world, baseURL }) => {
  test.setTimeout(150_000);
  const four = await world.agent('agent4');
  await four.setState('Not Ready – Break');
  const contactFrames: string[] = [];
  const { name, contact, alex, session } = await chatWithAlex(world);
  contact.page.on('websocket', (ws) => ws.on('framereceived', (f) => contactFrames.push(String(f.payload))));
  await contact.page.reload();
  await contact.expectChatting();

  await alex.button('Consult').click();
  const box = alex.page.getByRole('combobox', { name: 'Team Communicator' });
  await box.fill('Agent Four');
  await expect(alex.page.getByRole('option').first()).toContainText('Agent Four');
  await box.press('Enter');
  const card = four.invitation(name);
  await card.getByRole('button', { name: 'Accept' }).click();
  const theirs = four.page.getByRole('region', { name: `Consultation about ${name}` });
  await expect(theirs).toBeVisible();
  const mine = alex.page.getByRole('region', { name: 'Consultation' });
  await expect(mine).toContainText('Agent Four joined the consultation');

  // axe on the new control in both consultation panels
  for (const [page, region] of [[alex.page, mine], [four.page, theirs]] as const) {
    await expect(region.getByLabel('Attach file')).toBeAttached();
    const result = await new AxeBuilder({ page }).include('section[aria-label^="Consultation"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  }
  await mine.getByLabel('Attach file').setInputFiles({ name: 'refund-policy.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(mine.getByRole('list', { name: 'Files to send' })).toContainText('refund-policy.pdf');
  await mine.getByRole('textbox', { name: 'Write to the consultation' }).fill('Is this still the policy?');
  await mine.getByRole('button', { name: 'Send privately' }).click();
  const link = theirs.getByRole('link', { name: /^refund-policy\.pdf \(\d+ B, application\/pdf\)$/ });
  await expect(link).toBeVisible();
  const [download] = await Promise.all([four.page.waitForEvent('download'), link.click()]);
  expect((await readFile((await download.path())!)).equals(PDF)).toBe(true);
  // The consulted agent answers with a file too.
  await theirs.getByLabel('Attach file').setInputFiles({ name: 'answer.png', mimeType: 'image/png', buffer: PNG_16 });
  await expect(theirs.getByRole('list', { name: 'Files to send' })).toContainText('answer.png');
  await theirs.getByRole('button', { name: 'Send privately' }).click();
  await expect(mine.getByRole('img', { name: 'answer.png' })).toBeVisible();

  await alex.send('Checking the policy for you');
  await expect(contact.item('Checking the policy for you')).toBeVisible();
  expect(contactFrames.some((f) => f.includes('Checking the policy for you')), 'the contact’s channel works').toBe(true);
  expect(contactFrames.filter((f) => /refund-policy|answer\.png/.test(f))).toEqual([]);
  await expect(contact.page.getByText(/refund-policy|answer\.png|Is this still/)).toHaveCount(0);
  const api = await contact.page.evaluate(async (s) => (await fetch(`/api/v1/chats/${s.chatId}?after=0`, { headers: { authorization: `Bearer ${s.secret}` } })).text(), session);
  expect(api).toContain('Checking the policy for you');
  expect(api).not.toMatch(/refund-policy|answer\.png/);
  const files = await sql<{ id: string }>(`SELECT id FROM "Attachment" WHERE "interactionId" = $1 AND name IN ('refund-policy.pdf', 'answer.png')`, [session.chatId]);
  expect(files).toHaveLength(2);
  for (const f of files) {
    const status = await contact.page.evaluate(async ({ s, id }) => (await fetch(`/api/v1/chats/${s.chatId}/files/${id}`, { headers: { authorization: `Bearer ${s.secret}` } })).status, { s: session, id: f.id });
    expect(status).toBe(404);
  }
  // The consulted agent, who does not get the chat itself, cannot read the contact's files either.
  const contactUp = await fetch(`${baseURL}/api/v1/chats/${session.chatId}/files`, {
    method: 'POST',
    body: new Uint8Array(PDF),
    headers: { authorization: `Bearer ${session.secret}`, 'x-client-id': 'contact-file-for-four', 'x-file-name': 'mine.pdf' },
  });
  expect(contactUp.status).toBe(201);
  const contactFile = ((await contactUp.json()) as { file: { id: string } }).file.id;
  const contactSent = await fetch(`${baseURL}/api/v1/chats/${session.chatId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: 'contact-msg-for-four', text: '', attachmentIds: [contactFile] }),
  });
  expect(contactSent.ok).toBe(true);
  expect((await four.page.request.get(`/api/interactions/${session.chatId}/files/${contactFile}`)).status()).toBe(404);
});
