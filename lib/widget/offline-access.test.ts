import { describe, expect, it } from 'vitest';
import { languageSkillName, mayServeOffline, offlineRequiredSkill } from './offline-access';

const langs = { English: 'sEn', French: 'sFr' };

describe('offline messages are filtered as routing decides (issue 18)', () => {
  it('a message needs its queue’s skill, else its language’s', () => {
    expect(offlineRequiredSkill('sBilling', 'fr-CA', langs)).toBe('sBilling');
    expect(offlineRequiredSkill(null, 'fr-CA', langs)).toBe('sFr');
    expect(offlineRequiredSkill(null, 'en', langs)).toBe('sEn');
    expect(offlineRequiredSkill(null, 'de', langs)).toBe('sEn');
    expect(offlineRequiredSkill(null, 'fr-CA', { English: 'sEn' })).toBeNull();
    expect(languageSkillName('FR')).toBe('French');
  });

  it('an agent sees the messages whose skill they have; a supervisor sees all; an admin none', () => {
    const alex = { role: 'AGENT' as const, skillIds: ['sEn', 'sBilling'] };
    expect(mayServeOffline(alex, 'sBilling')).toBe(true);
    expect(mayServeOffline(alex, 'sEn')).toBe(true);
    expect(mayServeOffline(alex, 'sFr')).toBe(false);
    expect(mayServeOffline(alex, null)).toBe(true);
    expect(mayServeOffline({ role: 'AGENT', skillIds: [] }, 'sEn')).toBe(false);
    expect(mayServeOffline({ role: 'SUPERVISOR', skillIds: [] }, 'sBilling')).toBe(true);
    expect(mayServeOffline({ role: 'ADMIN', skillIds: ['sBilling'] }, 'sBilling')).toBe(false);
  });
});
