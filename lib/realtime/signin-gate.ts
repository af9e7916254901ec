// Security round 2, defect 1: /api/pusher/auth grants staff channels only to a socket signed in
// as the caller. pusher-js signs in and (re)subscribes at the same moment (on every connect), so a
// staff page holds each channel authorization until its socket's pusher:signin_success. No
// pusher-js import here: lib/realtime/client.ts and the bench's staff client both use it.

interface Waiter {
  socketId: string;
  resolve: () => void;
  timer: ReturnType<typeof setTimeout>;
}

export class SigninGate {
  private signedIn: string | null = null;
  private waiters: Waiter[] = [];

  /** `timeoutMs`: past it the authorization goes ahead anyway (and is refused if the socket is still not signed in). */
  constructor(private readonly timeoutMs = 30_000) {}

  /** The socket `socketId` is signed in now: what waits for it goes ahead. */
  signedInAs(socketId: string): void {
    this.signedIn = socketId;
    this.release();
  }

  /** The connection dropped or sign-in failed: stop holding (pusher-js re-subscribes after a reconnect). */
  reset(): void {
    this.signedIn = null;
    this.release();
  }

  isSignedIn(socketId: string): boolean {
    return this.signedIn === socketId;
  }

  /** Resolves once `socketId` is signed in, or the gate is reset, or after the timeout. */
  wait(socketId: string): Promise<void> {
    if (this.signedIn === socketId) return Promise.resolve();
    return new Promise((resolve) => {
      const w: Waiter = { socketId, resolve, timer: setTimeout(() => this.drop(w), this.timeoutMs) };
      this.waiters.push(w);
    });
  }

  get waiting(): number {
    return this.waiters.length;
  }

  private drop(w: Waiter): void {
    this.waiters = this.waiters.filter((x) => x !== w);
    w.resolve();
  }

  private release(): void {
    const all = this.waiters;
    this.waiters = [];
    for (const w of all) {
      clearTimeout(w.timer);
      w.resolve();
    }
  }
}
