// Mail templates (issue 18): both languages, plain text and HTML, every value escaped in the HTML.
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderOfflineAnswerMail, renderTranscriptMail } from './templates';

const at = new Date('2026-12-03T15:04:00Z');

describe('mail templates', () => {
  it('renders the transcript in English and French, text and HTML, with hostile text escaped', () => {
    const lines = [
      { at, author: 'Sam <agent>', text: 'Hi & <script>alert(1)</script>' },
      { at, author: 'Ada', text: 'line one\nline two' },
    ];
    const en = renderTranscriptMail('en', { startedAt: at, lines, timeZone: 'America/Toronto' });
    expect(en.subject).toBe('Your chat transcript');
    expect(en.text).toContain('December 3, 2026');
    expect(en.text).toContain('[10:04 AM] Sam <agent>: Hi & <script>alert(1)</script>');
    expect(en.html).not.toMatch(/<script>|<agent>/);
    expect(en.html).toContain('<strong>Sam &lt;agent&gt;</strong>: Hi &amp; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(en.html).toContain('line one<br>line two');
    expect(en.html).toContain('<html lang="en">');

    const fr = renderTranscriptMail('fr-CA', { startedAt: at, lines, timeZone: 'America/Toronto' });
    expect(fr.subject).toBe('La transcription de votre clavardage');
    expect(fr.text).toContain('3 décembre 2026');
    expect(fr.text).toMatch(/\[10 h 04\] Ada: line one/);
    expect(fr.html).toContain('<html lang="fr-CA">');
    expect(renderTranscriptMail('en', { startedAt: at, lines: [] }).text).toContain('No messages were exchanged.');
  });

  it('renders an offline answer quoting the question', () => {
    const m = renderOfflineAnswerMail('fr-CA', { name: 'Zoé "Z"', question: 'Où?\n<b>vite</b>', answer: 'Ici & maintenant' });
    expect(m.subject).toBe('Re : votre message');
    expect(m.text).toContain('Bonjour Zoé "Z",');
    expect(m.text).toContain('> Où?\n> <b>vite</b>');
    expect(m.html).toContain('Bonjour Zoé &quot;Z&quot;,');
    expect(m.html).toContain('Où?<br>&lt;b&gt;vite&lt;/b&gt;');
    expect(m.html).toContain('Ici &amp; maintenant');
  });

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
