/**
 * Mail templates (issue 18), in both languages, each as plain text and HTML. Strings come from
 * the `mail` catalogue (messages/<locale>/mail.json); every value put into the HTML is escaped.
 * Pure: the caller passes what the mail says and gets { subject, text, html } for queueMail.
 */
import { createTranslator } from 'next-intl';
import en from '@/messages/en/mail.json';
import frCA from '@/messages/fr-CA/mail.json';

export type MailLocale = 'en' | 'fr-CA';
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const catalogues = { en, 'fr-CA': frCA } as const;

function t(locale: MailLocale) {
  return createTranslator({ locale, messages: catalogues[locale], namespace: 'mail' });
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
/** Escaped, with line breaks kept. */
function para(s: string): string {
  return escapeHtml(s).replace(/\r?\n/g, '<br>');
}

function page(locale: MailLocale, title: string, body: string): string {
  return (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:40rem">${body}` +
    `<p style="color:#555;font-size:0.875em">${escapeHtml(t(locale)('footer'))}</p></body></html>`
  );
}

export interface TranscriptLine {
  at: Date;
  /** The nickname the contact saw (an agent's nickname, or the contact's own name). */
  author: string;
  text: string;
}

/** The transcript mail: only what the contact saw (the caller selects the lines). */
export function renderTranscriptMail(locale: MailLocale, data: { startedAt: Date; lines: readonly TranscriptLine[]; timeZone?: string }): RenderedMail {
  const tr = t(locale);
  const timeZone = data.timeZone ?? 'UTC';
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(data.startedAt);
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
  const subject = tr('transcript.subject');
  const intro = tr('transcript.intro', { date });
  const text = [
    intro,
    '',
    ...(data.lines.length ? data.lines.map((l) => `[${time.format(l.at)}] ${l.author}: ${l.text}`) : [tr('transcript.empty')]),
    '',
    '--',
    tr('footer'),
  ].join('\n');
  const rows = data.lines.length
    ? `<ol style="list-style:none;padding:0">${data.lines
        .map((l) => `<li style="margin:0 0 0.5em"><span style="color:#555">[${escapeHtml(time.format(l.at))}]</span> <strong>${escapeHtml(l.author)}</strong>: ${para(l.text)}</li>`)
        .join('')}</ol>`
    : `<p>${escapeHtml(tr('transcript.empty'))}</p>`;
  const html = page(locale, subject, `<p>${escapeHtml(intro)}</p><h1 style="font-size:1.25em">${escapeHtml(tr('transcript.heading'))}</h1>${rows}`);
  return { subject, text, html };
}

/** An agent's answer to an offline message, quoting the contact's message. */
export function renderOfflineAnswerMail(locale: MailLocale, data: { name: string; question: string; answer: string }): RenderedMail {
  const tr = t(locale);
  const subject = tr('offlineAnswer.subject');
  const greeting = tr('offlineAnswer.greeting', { name: data.name });
  const quoted = data.question.split(/\r?\n/).map((l) => `> ${l}`).join('\n');
  const text = [greeting, '', data.answer, '', tr('offlineAnswer.yourMessage'), quoted, '', '--', tr('footer')].join('\n');
  const html = page(
    locale,
    subject,
    `<p>${escapeHtml(greeting)}</p><p>${para(data.answer)}</p><p style="color:#555">${escapeHtml(tr('offlineAnswer.yourMessage'))}</p>` +
      `<blockquote style="border-left:3px solid #ccc;margin:0;padding-left:1em;color:#333">${para(data.question)}</blockquote>`,
  );
  return { subject, text, html };
}
