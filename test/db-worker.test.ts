import { describe, expect, it } from 'vitest';
import { workerDatabaseUrl } from './db-worker';

describe('workerDatabaseUrl', () => {
  it("points at the process's own clone, once, keeping the credentials and query", () => {
    const url = 'postgresql://u:p@127.0.0.1:5432/chat_test?sslmode=disable';
    expect(workerDatabaseUrl(url, 'p12')).toBe('postgresql://u:p@127.0.0.1:5432/chat_test_p12?sslmode=disable');
    expect(workerDatabaseUrl(workerDatabaseUrl(url, 'p12'), 'p34')).toBe('postgresql://u:p@127.0.0.1:5432/chat_test_p34?sslmode=disable');
    expect(workerDatabaseUrl(url)).toBe(`postgresql://u:p@127.0.0.1:5432/chat_test_p${process.pid}?sslmode=disable`);
  });
  it('leaves the URL alone without a suffix', () => {
    expect(workerDatabaseUrl('postgresql://u:p@h/chat_test', '')).toBe('postgresql://u:p@h/chat_test');
  });
});
