import { describe, expect, it } from 'vitest';
import { readSettings } from './settings';

describe('readSettings', () => {
  it('fills defaults for missing values', () => {
    expect(readSettings(undefined)).toMatchObject({ pendingYellowSec: 30, pendingRedSec: 60, invitationTimeoutSec: 20, dispositionRequired: false });
  });
  it('keeps valid values and replaces only the invalid one by its default', () => {
    const s = readSettings({ pendingYellowSec: 10, invitationTimeoutSec: 1, nicknamePolicy: 'name' });
    expect(s.pendingYellowSec).toBe(10);
    expect(s.nicknamePolicy).toBe('name');
    expect(s.invitationTimeoutSec).toBe(20);
  });
});
