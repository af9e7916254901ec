import { describe, expect, it } from 'vitest';
import { AddressCounts, addressKey, connectionBudget, parseProcLimits, processFileLimit } from './limits';

describe('flood limits', () => {
  it('reads the soft limit on open files from /proc/self/limits', () => {
    const text = 'Limit                     Soft Limit           Hard Limit           Units\nMax open files            1024                 524288               files\n';
    expect(parseProcLimits(text)).toBe(1024);
    expect(parseProcLimits('Max open files            unlimited            unlimited            files')).toBeNull();
    expect(processFileLimit()).toBeGreaterThan(0); // this process's own
  });

  it('keeps connections under the file limit with headroom for the pool and files', () => {
    expect(connectionBudget(1024, { poolSize: 20 })).toEqual({ hard: 856, soft: 813 });
    expect(connectionBudget(20_000, { poolSize: 20 })).toEqual({ hard: 18_000, soft: 17_100 });
    // A configured cap lower than the budget is kept; a higher one is not.
    expect(connectionBudget(20_000, { poolSize: 20, configured: 500 }).soft).toBe(500);
    expect(connectionBudget(1024, { poolSize: 20, configured: 5000 }).soft).toBe(813);
    expect(connectionBudget(null, { poolSize: 20 }).hard).toBeLessThan(1024);
  });

  it('keys IPv4 as is and IPv6 by its /64', () => {
    expect(addressKey('127.0.0.2')).toBe('127.0.0.2');
    expect(addressKey('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(addressKey('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:db8:0:1:bbbb:cccc:dddd:eeee')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey(undefined)).toBe('unknown');
  });

  it('counts per address up to the cap and forgets an address at zero', () => {
    const c = new AddressCounts(2);
    expect(c.tryAcquire('a')).toBe(true);
    expect(c.tryAcquire('a')).toBe(true);
    expect(c.tryAcquire('a')).toBe(false);
    expect(c.tryAcquire('b')).toBe(true);
    c.release('a');
    expect(c.tryAcquire('a')).toBe(true);
    c.release('a');
    c.release('a');
    c.release('b');
    expect(c.keys).toBe(0);
  });
});
