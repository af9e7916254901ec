import { describe, expect, it } from 'vitest';
import { workerDatabaseUrl } from './db-worker';

describe('workerDatabaseUrl', () => {
  it("points at the worker's own clone, once, keeping the credentials and query", () => {
    const url = 'postgresql://u:p@127.0.0.1:5432/chat_test?sslmode=disable';
    expect(workerDatabaseUrl(url, '2')).toBe('postgresql://u:p@127.0.0.1:5432/chat_test_w2?sslmode=disable');
    expect(workerDatabaseUrl(workerDatabaseUrl(url, '2'), '3')).toBe('postgresql://u:p@127.0.0.1:5432/chat_test_w3?sslmode=disable');
  });
  it('leaves the URL alone outside a pool worker', () => {
    expect(workerDatabaseUrl('postgresql://u:p@h/chat_test', '')).toBe('postgresql://u:p@h/chat_test');
  });
});
