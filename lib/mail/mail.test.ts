// The local mail catcher with a real nodemailer client over real SMTP, and the retry back-off.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailCatcher, startMailCatcher } from './catcher';
import { MAX_ATTEMPTS, nextAttemptDelayMs } from './retry';

let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher({ dir: await mkdtemp(path.join(os.tmpdir(), 'mail-')) });
});
afterAll(async () => {
  await catcher.close();
  await rm(catcher.dir, { recursive: true, force: true });
});

describe('mail catcher', () => {
  it('writes each mail sent over SMTP as one .eml file, text and HTML intact', async () => {
    const transport = nodemailer.createTransport(catcher.smtpUrl);
    await transport.sendMail({ from: 'console@example.test', to: 'ada@example.com', subject: 'Votre clavardage', text: 'Bonjour', html: '<p>Bonjour</p>' });
    const files = await readdir(catcher.dir);
    expect(files).toHaveLength(1);
    const mail = await simpleParser(await readFile(path.join(catcher.dir, files[0]!)));
    expect(mail.subject).toBe('Votre clavardage');
    expect(mail.text?.trim()).toBe('Bonjour');
    expect(mail.html).toContain('<p>Bonjour</p>');
  });
});

describe('send retry back-off', () => {
  it('doubles from 30 s, caps at 30 min and stops after the last attempt', () => {
    expect([1, 2, 3, 4].map(nextAttemptDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(nextAttemptDelayMs(7)).toBe(30 * 60_000);
    expect(nextAttemptDelayMs(MAX_ATTEMPTS)).toBeNull();
    expect(() => nextAttemptDelayMs(0)).toThrow(RangeError);
  });
});
