import { describe, expect, it } from 'vitest';
import { displayNameFor } from './nickname';

const alex = { name: 'Agent One', nickname: 'Alex' };
const plain = { name: 'Agent Two', nickname: null };
const support = { genericNickname: 'Support' };

describe('displayNameFor', () => {
  it('prefers the personal nickname, then the group one, then the name', () => {
    expect(displayNameFor(alex, support, 'personal-group-name')).toBe('Alex');
    expect(displayNameFor(plain, support, 'personal-group-name')).toBe('Support');
    expect(displayNameFor(plain, null, 'personal-group-name')).toBe('Agent Two');
  });
  it('can force the generic group nickname', () => {
    expect(displayNameFor(alex, support, 'group-name')).toBe('Support');
    expect(displayNameFor(alex, { genericNickname: null }, 'group-name')).toBe('Agent One');
  });
  it('can force real names', () => {
    expect(displayNameFor(alex, support, 'name')).toBe('Agent One');
  });
  it('ignores blank nicknames', () => {
    expect(displayNameFor({ name: 'N', nickname: '  ' }, { genericNickname: ' ' }, 'personal-group-name')).toBe('N');
  });
});
