/**
 * Local mail catcher (issue 18): with no SMTP_URL, `npm start` can run this SMTP server on
 * 127.0.0.1 and every mail lands as an .eml file in a folder (.data/mail), so a fresh install can
 * try every email feature with no outside service. Tests read the same files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface MailCatcher {
  port: number;
  dir: string;
  smtpUrl: string;
  close(): Promise<void>;
}

/**
 * `refuse` (tests): return an SMTP answer to refuse a recipient, e.g. { code: 451 } (try again
 * later) or { code: 550 } (no such mailbox); return null to accept it.
 */
export async function startMailCatcher(opts: {
  dir: string;
  port?: number;
  refuse?: (recipient: string) => { code: number; message?: string } | null;
}): Promise<MailCatcher> {
  await mkdir(opts.dir, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, done) {
      const no = opts.refuse?.(address.address);
      if (!no) return done();
      done(Object.assign(new Error(no.message ?? (no.code >= 500 ? 'mailbox unavailable' : 'try again later')), { responseCode: no.code }));
    },
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', done);
      stream.on('end', () => {
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${++n}.eml`;
        writeFile(path.join(opts.dir, name), Buffer.concat(chunks)).then(() => done(), done);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    dir: opts.dir,
    smtpUrl: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
