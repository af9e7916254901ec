import net from 'node:net';

/**
 * A port free right now, picked below Linux's ephemeral range (32768+): a port the OS hands out
 * for listen(0) may be taken by any process's next outgoing connection before our server binds
 * it, which busy machines (a benchmark running beside the tests) do.
 */
export async function getFreePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (await isPortFree(port)) return port;
  }
  throw new Error('no free port found in 20000–31999');
}

/**
 * Whether nothing listens on `port`. Binds the way servers here do (all interfaces, and
 * 127.0.0.1), so a port held on either counts as busy.
 */
export async function isPortFree(port: number): Promise<boolean> {
  for (const host of [undefined, '127.0.0.1']) {
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.unref();
      srv.once('error', () => resolve(false));
      srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
    });
    if (!free) return false;
  }
  return true;
}

/** Throws a clear error naming the setting when `port` is taken. */
export async function assertPortFree(port: number, what: string, setting: string): Promise<void> {
  if (!(await isPortFree(port))) {
    throw new Error(
      `Port ${port} (${what}) is already in use. Stop whatever listens on it ` +
        `(e.g. \`ss -ltnp 'sport = :${port}'\`) or choose another port with ${setting}=… in .env.`,
    );
  }
}
