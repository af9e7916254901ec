import net from 'node:net';

/** A port the OS says is free right now (bound on 127.0.0.1, then released). */
export function getFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
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
