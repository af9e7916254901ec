import { describe, expect, it } from 'vitest';
import { isTimeZone, timeZoneSchema } from './time-zone';

describe('time zones', () => {
  it('knows IANA names and refuses the rest', () => {
    expect(['America/Toronto', 'Europe/Paris', 'UTC'].every(isTimeZone)).toBe(true);
    expect(['Mars/Olympus', '', 'x'.repeat(200)].some(isTimeZone)).toBe(false);
  });
  it('bounds the input before asking Intl', () => {
    expect(timeZoneSchema.safeParse('America/Toronto').success).toBe(true);
    expect(timeZoneSchema.safeParse('A/' + 'b'.repeat(70)).success).toBe(false);
  });
});
