/** Output of the start script and its helpers that survives a closed terminal or pipe. */

let outputClosed = false;
/** Writes to stdout/stderr never throw or crash us once the reader has gone (EPIPE). */
export function keepGoingWhenOutputCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED' || err.code === 'EBADF') outputClosed = true;
    });
  }
}

/** A line on stdout (dropped quietly when nobody reads it any more). */
export function writeLine(line: string, stream: NodeJS.WriteStream = process.stdout): void {
  if (outputClosed || stream.destroyed || !stream.writable) return;
  try {
    stream.write(line + '\n');
  } catch {
    outputClosed = true;
  }
}

