import { describe, expect, it } from 'vitest';
import { matchLocale } from './config';

describe('matchLocale', () => {
  it('maps any French to fr-CA and English to en', () => {
    expect(matchLocale('fr-FR,fr;q=0.9')).toBe('fr-CA');
    expect(matchLocale('fr-CA')).toBe('fr-CA');
    expect(matchLocale('en-US,en;q=0.9')).toBe('en');
  });
  it('honours q-values and falls back to English', () => {
    expect(matchLocale('de;q=1, fr;q=0.5, en;q=0.4')).toBe('fr-CA');
    expect(matchLocale('en;q=0.2, fr;q=0.8')).toBe('fr-CA');
    expect(matchLocale('de')).toBe('en');
    expect(matchLocale(null)).toBe('en');
  });
});
