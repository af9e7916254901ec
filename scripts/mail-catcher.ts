/**
 * The local mail catcher as its own process (the e2e global setup runs one per stack):
 *   MAIL_DIR=/tmp/x/mail MAIL_CATCHER_PORT=2525 tsx scripts/mail-catcher.ts
 * Every mail sent to smtp://127.0.0.1:<port> becomes one .eml file in MAIL_DIR. Stops on SIGTERM/SIGINT.
 */
import { startMailCatcher } from '../lib/mail/catcher';

const { MAIL_DIR = '.data/mail', MAIL_CATCHER_PORT = '0' } = process.env;
const catcher = await startMailCatcher({ dir: MAIL_DIR, port: Number(MAIL_CATCHER_PORT) });
process.stdout.write(`mail catcher on ${catcher.smtpUrl}, writing to ${catcher.dir}\n`);
for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  process.on(sig, () => void catcher.close().then(() => process.exit(0)));
}
