// isAppError recognises an AppError thrown by another copy of lib/errors (bundled vs tsx-loaded),
// which the hostile corpus saw turned into 500s on the fast lane; anything else stays unknown.
import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from './errors';

describe('isAppError', () => {
  it('accepts this copy\'s AppError and another copy\'s, and nothing that merely looks like one', () => {
    expect(isAppError(new AppError('rateLimited'))).toBe(true);
    class OtherCopy extends Error {
      readonly code = 'rateLimited';
      readonly status = 429;
      constructor() {
        super('rateLimited');
        this.name = 'AppError';
      }
    }
    expect(isAppError(new OtherCopy())).toBe(true);
    expect(isAppError(Object.assign(new Error('x'), { name: 'AppError', code: 'rateLimited', status: 500 }))).toBe(false);
    expect(isAppError(Object.assign(new Error('x'), { name: 'AppError', code: 'nope', status: 400 }))).toBe(false);
    expect(isAppError({ name: 'AppError', code: 'rateLimited', status: 429 })).toBe(false);
    expect(isAppError(new Error('rateLimited'))).toBe(false);
    expect(isAppError(null)).toBe(false);
  });
});
