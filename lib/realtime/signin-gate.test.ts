// Defect 1 (security round 2): a staff page holds its channel authorizations until its socket is
// signed in, because /api/pusher/auth refuses staff channels to a socket that is not.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SigninGate } from './signin-gate';

afterEach(() => vi.useRealTimers());

async function settled(p: Promise<void>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
}

describe('SigninGate', () => {
  it('holds an authorization until that socket signs in, then lets it and later ones through at once', async () => {
    const gate = new SigninGate();
    const first = gate.wait('1.1');
    expect(await settled(first)).toBe(false);
    expect(gate.waiting).toBe(1);
    gate.signedInAs('1.1');
    expect(await settled(first)).toBe(true);
    expect(await settled(gate.wait('1.1'))).toBe(true);
    expect(gate.waiting).toBe(0);
  });

  it('a new connection (new socket id) waits again; a drop or a failed sign-in stops holding', async () => {
    const gate = new SigninGate();
    gate.signedInAs('1.1');
    const next = gate.wait('2.2');
    expect(await settled(next)).toBe(false);
    gate.reset();
    expect(await settled(next)).toBe(true);
    expect(gate.isSignedIn('1.1')).toBe(false);
    expect(await settled(gate.wait('1.1'))).toBe(false);
  });

  it('gives up holding after its timeout (the server then refuses the unsigned socket)', async () => {
    vi.useFakeTimers();
    const gate = new SigninGate(10_000);
    let done = false;
    void gate.wait('3.3').then(() => (done = true));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(gate.waiting).toBe(0);
  });
});
