import { describe, expect, it } from 'vitest';
import { settingsSchema } from '@/lib/settings/settings';
import {
  auditFilterSchema,
  caseFieldCreateSchema,
  caseFieldUpdateSchema,
  dispositionCreateSchema,
  groupSchema,
  parseOptions,
  queueSchema,
  TIMER_KEYS,
  timersSchema,
  userCreateSchema,
  userUpdateSchema,
} from './schemas';

const timers = { pendingYellowSec: 30, pendingRedSec: 60, invitationTimeoutSec: 20, transferTimeoutSec: 30, conferenceTimeoutSec: 30, consultTimeoutSec: 30, typingTimeoutSec: 6, serviceLevelSec: 30, monitoringVisible: false };
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('timersSchema', () => {
  it('accepts the defaults and refuses red not after yellow, on the red field', () => {
    expect(timersSchema.safeParse(timers).success).toBe(true);
    const r = timersSchema.safeParse({ ...timers, pendingYellowSec: 60, pendingRedSec: 60 });
    expect(messages(r)).toEqual({ pendingRedSec: 'redAfterYellow' });
  });

  it('has the same bounds as the stored settings for every timer', () => {
    for (const key of TIMER_KEYS) {
      const stored = settingsSchema.shape[key];
      for (const v of [-1, 0, 1, 2, 4, 5, 59, 60, 61, 600, 601, 3600, 3601, 7200, 7201, 1.5]) {
        // Red must exceed yellow, so test each value with the other timer out of the way.
        const input = { ...timers, pendingYellowSec: key === 'pendingRedSec' ? 1 : timers.pendingYellowSec, pendingRedSec: key === 'pendingYellowSec' ? 7200 : timers.pendingRedSec, [key]: v };
        const form = timersSchema.safeParse(input);
        const formOk = form.success || !form.error.issues.some((i) => i.path[0] === key && i.message !== 'redAfterYellow');
        expect(formOk, `${key}=${v}`).toBe(stored.safeParse(v).success);
      }
    }
  });

  it('says which rule failed as a catalogue key with its bounds', () => {
    const r = timersSchema.safeParse({ ...timers, invitationTimeoutSec: 2, typingTimeoutSec: 2.5, serviceLevelSec: Number.NaN });
    expect(messages(r)).toMatchObject({ invitationTimeoutSec: 'range:5:600', typingTimeoutSec: 'whole', serviceLevelSec: 'number' });
  });
});

describe('user schemas', () => {
  const user = { email: ' New.Agent@Example.com ', password: 'longenough', name: ' Nina ', role: 'AGENT', groupId: '', skillIds: [], capacity: 4, nickname: '  ' };
  it('normalises email, trims names and turns blanks into none', () => {
    const r = userCreateSchema.parse(user);
    expect(r).toMatchObject({ email: 'new.agent@example.com', name: 'Nina', groupId: null, nickname: null, capacity: 4 });
  });
  it('refuses a bad email, short password, unknown role, capacity out of range, control characters', () => {
    const r = userCreateSchema.safeParse({ ...user, email: 'nope', password: 'short', role: 'ROOT', capacity: 51, name: 'a\u0000b' });
    expect(messages(r)).toEqual({ email: 'email', password: 'passwordShort:8', role: 'required', capacity: 'range:0:50', name: 'invalidText' });
  });
  it('update needs the id and the active flag', () => {
    expect(userUpdateSchema.safeParse({ ...user, id: 'u1', active: true }).success).toBe(true);
    expect(messages(userUpdateSchema.safeParse({ ...user }))).toMatchObject({ id: 'required' });
  });
});

describe('directory and disposition schemas', () => {
  it('refuses blank and overlong names', () => {
    expect(messages(dispositionCreateSchema.safeParse({ name: '   ' }))).toEqual({ name: 'required' });
    expect(messages(dispositionCreateSchema.safeParse({ name: 'x'.repeat(61) }))).toEqual({ name: 'tooLong:60' });
    expect(messages(groupSchema.safeParse({ name: 1, genericNickname: '' }))).toEqual({ name: 'required' });
    expect(dispositionCreateSchema.parse({ name: '  Call back  ' })).toEqual({ name: 'Call back' });
  });
  it('a queue without a skill has skillId null', () => {
    expect(queueSchema.parse({ name: 'VIP', skillId: '', isDefault: false })).toEqual({ name: 'VIP', skillId: null, isDefault: false });
  });
});

describe('case data field schemas', () => {
  const field = { key: 'orderId', label: 'Order', labelFr: '', type: 'TEXT', options: [], sortOrder: 8, visible: true, agentEditable: true };
  it('accepts a field and keeps the key format', () => {
    expect(caseFieldCreateSchema.parse(field)).toMatchObject({ key: 'orderId', labelFr: null });
    expect(messages(caseFieldCreateSchema.safeParse({ ...field, key: '9lives' }))).toEqual({ key: 'key' });
    expect(messages(caseFieldCreateSchema.safeParse({ ...field, key: 'has space' }))).toEqual({ key: 'key' });
  });
  it('a list needs options, each once', () => {
    expect(messages(caseFieldCreateSchema.safeParse({ ...field, type: 'LIST' }))).toEqual({ options: 'optionsRequired' });
    expect(messages(caseFieldUpdateSchema.safeParse({ ...field, id: 'f1', type: 'LIST', options: ['A', 'a'] }))).toEqual({ options: 'duplicateOption' });
    expect(caseFieldUpdateSchema.safeParse({ ...field, id: 'f1', type: 'LIST', options: ['Low', 'High'] }).success).toBe(true);
  });
  it('options come one per line', () => {
    expect(parseOptions('Low\n\n Normal \r\nHigh\n')).toEqual(['Low', 'Normal', 'High']);
  });
});

describe('auditFilterSchema', () => {
  it('drops what it cannot use instead of failing', () => {
    expect(auditFilterSchema.parse({ action: 'user', from: '2026-11-01', to: 'yesterday', page: '2', actorId: "x' OR 1=1" })).toEqual({ action: 'user', from: '2026-11-01', page: 2 });
  });
});
