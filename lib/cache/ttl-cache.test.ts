import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('answers until the time to live has passed, then never again', () => {
    let t = 1_000;
    const c = new TtlCache<string, number>(10, 500, () => t);
    c.set('a', 1);
    t += 499;
    expect(c.get('a')).toBe(1);
    t += 1;
    expect(c.get('a')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('holds at most maxEntries, dropping the least recently set first', () => {
    const c = new TtlCache<number, number>(3, 60_000);
    for (let i = 0; i < 5; i++) c.set(i, i);
    expect(c.size).toBe(3);
    expect([0, 1, 2, 3, 4].map((k) => c.get(k))).toEqual([undefined, undefined, 2, 3, 4]);
    c.set(2, 20); // set again: now the newest
    c.set(5, 5);
    expect([2, 3, 4, 5].map((k) => c.get(k))).toEqual([20, undefined, 4, 5]);
  });

  it('forgets a deleted key at once', () => {
    const c = new TtlCache<string, string>(2, 60_000);
    c.set('chat', 'key');
    c.delete('chat');
    expect(c.get('chat')).toBeUndefined();
  });

  it('refuses a bound or lifetime that would make it useless', () => {
    expect(() => new TtlCache(0, 1)).toThrow(RangeError);
    expect(() => new TtlCache(1, 0)).toThrow(RangeError);
  });
});
