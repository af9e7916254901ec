import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret, sealingKey } from './secret-box';

describe('the widget identity secret at rest (issue 18)', () => {
  const key = sealingKey('server-secret-0123456789abcdef');

  it('seals and opens back the same secret; the sealed form does not contain it', () => {
    const sealed = sealSecret(key, 'the-site-secret');
    expect(JSON.stringify(sealed)).not.toContain('the-site-secret');
    expect(openSecret(key, sealed)).toBe('the-site-secret');
    // A fresh IV each time.
    expect(sealSecret(key, 'the-site-secret').ct).not.toBe(sealed.ct);
  });

  it('another server key, or a tampered value, opens nothing', () => {
    const sealed = sealSecret(key, 'the-site-secret');
    expect(openSecret(sealingKey('another-server-secret-xyz'), sealed)).toBeNull();
    const ct = Buffer.from(sealed.ct, 'base64');
    ct[0] = ct[0]! ^ 1;
    expect(openSecret(key, { ...sealed, ct: ct.toString('base64') })).toBeNull();
    expect(openSecret(key, null)).toBeNull();
  });
});
