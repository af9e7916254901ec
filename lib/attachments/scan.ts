import 'server-only';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { env } from '@/lib/env';

/**
 * The optional malware-scanner hook, off unless FILE_SCAN_COMMAND or FILE_SCAN_URL is set.
 * Command: run with the file's path appended as its last argument; exit 0 = clean.
 * URL: the bytes POSTed as application/octet-stream; any 2xx = clean.
 * A scanner that fails or times out refuses the file (fail closed).
 */
export async function scanFile(bytes: Uint8Array): Promise<boolean> {
  if (env.FILE_SCAN_COMMAND) return scanWithCommand(env.FILE_SCAN_COMMAND, bytes);
  if (env.FILE_SCAN_URL) return scanWithUrl(env.FILE_SCAN_URL, bytes);
  return true;
}

async function scanWithCommand(command: string, bytes: Uint8Array): Promise<boolean> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scan-'));
  const file = path.join(dir, 'upload');
  try {
    await writeFile(file, bytes, { mode: 0o600 });
    const [cmd, ...args] = command.split(/\s+/).filter(Boolean);
    return await new Promise<boolean>((resolve) => {
      execFile(cmd!, [...args, file], { timeout: 60_000 }, (err) => resolve(!err));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function scanWithUrl(url: string, bytes: Uint8Array): Promise<boolean> {
  try {
    const res = await fetch(url, { method: 'POST', body: new Blob([new Uint8Array(bytes)]), headers: { 'content-type': 'application/octet-stream' }, signal: AbortSignal.timeout(60_000) });
    return res.ok;
  } catch {
    return false;
  }
}
