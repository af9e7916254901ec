import 'server-only';
import nodemailer from 'nodemailer';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { deliverDue, onMailQueued } from './outbox';

let started = false;

/**
 * The app's mail sender (issue 18): delivers the outbox (lib/mail/outbox.ts) every MAIL_POLL_MS,
 * and right away when a mail is queued in this process. Every instance runs it: the claim in
 * deliverDue (FOR UPDATE SKIP LOCKED) hands each mail to one of them. Without SMTP_URL nothing is
 * sent and mails wait in the outbox (npm start sets SMTP_URL to its local catcher).
 */
export function startMailSender(): void {
  if (started) return;
  started = true;
  if (!env.SMTP_URL) {
    logger.warn('mail: SMTP_URL is not set, mails are queued but not sent (npm start runs a local catcher; see docs/mail.md)');
    return;
  }
  const transport = nodemailer.createTransport(env.SMTP_URL);
  let running = false;
  let again = false;
  const tick = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const r = await deliverDue(db, transport, { from: env.MAIL_FROM });
        if (r.retried || r.failed) logger.warn('mail: delivery problems', r);
        if (r.sent + r.retried + r.failed === 20) again = true; // a full batch: there may be more
      } while (again);
    } catch (e) {
      logger.error('mail: sender tick failed', { error: String(e) });
    } finally {
      running = false;
    }
  };
  // a short delay lets the transaction that queued the mail commit first
  onMailQueued(() => void setTimeout(() => void tick(), 50).unref());
  setInterval(() => void tick(), env.MAIL_POLL_MS).unref();
  void tick();
}
