import { describe, expect, it } from 'vitest';
import { DEFAULT_PRECHAT, checkPrechatAnswers, prechatFormSchema, readPrechatForm, requiredSkillFor, shownFields, type PrechatFieldDef, type PrechatForm } from './prechat';

const defs: PrechatFieldDef[] = [
  { key: 'accountNumber', type: 'NUMBER', options: [], visible: true },
  { key: 'priority', type: 'LIST', options: ['Low', 'Normal', 'High'], visible: true },
  { key: 'hiddenNote', type: 'TEXT', options: [], visible: false },
  { key: 'email', type: 'EMAIL', options: [], visible: true },
];
const form: PrechatForm = {
  fields: [
    { key: 'priority', required: false },
    { key: 'accountNumber', required: true },
    { key: 'hiddenNote', required: true },
    { key: 'deletedField', required: true },
  ],
  skillIds: ['sBilling', 'sSales', 'sGone'],
  pickLanguage: false,
};
const skills = ['sBilling', 'sSales', 'sFrench'];

describe('the pre-chat form per queue (issue 18)', () => {
  it('shows the configured fields in the admin order, skipping hidden and deleted fields', () => {
    expect(shownFields(form, defs).map((f) => [f.key, f.required])).toEqual([
      ['priority', false],
      ['accountNumber', true],
    ]);
  });

  it('stores valid answers, normalised by field type, and the topic picked', () => {
    const r = checkPrechatAnswers(form, defs, { caseData: { accountNumber: ' 004217 ', priority: 'High' }, skillId: 'sSales' }, skills);
    expect(r).toEqual({ ok: true, values: [{ key: 'priority', value: 'High' }, { key: 'accountNumber', value: '004217' }], skillId: 'sSales' });
    // An optional field left empty is simply not stored.
    const r2 = checkPrechatAnswers(form, defs, { caseData: { accountNumber: '12', priority: '' }, skillId: 'sBilling' }, skills);
    expect(r2).toEqual({ ok: true, values: [{ key: 'accountNumber', value: '12' }], skillId: 'sBilling' });
  });

  it('refuses a missing required answer, a bad value, a field not on the form and a topic not offered', () => {
    expect(checkPrechatAnswers(form, defs, { caseData: { priority: 'Low' }, skillId: 'sSales' }, skills)).toEqual({ ok: false, problems: [{ key: 'accountNumber', error: 'required' }] });
    expect(checkPrechatAnswers(form, defs, { caseData: { accountNumber: '   ' }, skillId: 'sSales' }, skills)).toEqual({ ok: false, problems: [{ key: 'accountNumber', error: 'required' }] });
    expect(checkPrechatAnswers(form, defs, { caseData: { accountNumber: '12a', priority: 'Urgent' }, skillId: 'sSales' }, skills)).toEqual({
      ok: false,
      problems: [
        { key: 'priority', error: 'option' },
        { key: 'accountNumber', error: 'number' },
      ],
    });
    // Hidden, built-in or unknown keys are not on the form: nothing sneaks into the case data.
    for (const key of ['hiddenNote', 'email', 'queue', 'somethingElse']) {
      const r = checkPrechatAnswers(form, defs, { caseData: { accountNumber: '1', [key]: 'x' }, skillId: 'sSales' }, skills);
      expect(r).toEqual({ ok: false, problems: [{ key, error: 'notOnForm' }] });
    }
    // The topic: required when offered, only one offered and existing (a deleted skill no longer is).
    expect(checkPrechatAnswers(form, defs, { caseData: { accountNumber: '1' } }, skills)).toEqual({ ok: false, problems: [{ key: 'skill', error: 'required' }] });
    for (const skillId of ['sFrench', 'sGone', 'nope']) {
      expect(checkPrechatAnswers(form, defs, { caseData: { accountNumber: '1' }, skillId }, skills)).toEqual({ ok: false, problems: [{ key: 'skill', error: 'option' }] });
    }
  });

  it('hostile values are refused as values, never thrown', () => {
    for (const v of ['\u0000', '\ud800', 'x'.repeat(501)]) {
      const r = checkPrechatAnswers(form, defs, { caseData: { accountNumber: v }, skillId: 'sSales' }, skills);
      expect(r.ok).toBe(false);
    }
    // Keys that name Object.prototype members are not answers.
    const proto = checkPrechatAnswers({ ...form, fields: [{ key: 'constructor', required: true }] }, [{ key: 'constructor', type: 'TEXT', options: [], visible: true }], { skillId: 'sSales' }, skills);
    expect(proto).toEqual({ ok: false, problems: [{ key: 'constructor', error: 'required' }] });
  });

  it('a queue without a form takes no answers and no topic', () => {
    expect(checkPrechatAnswers(DEFAULT_PRECHAT, defs, {}, skills)).toEqual({ ok: true, values: [], skillId: null });
    expect(checkPrechatAnswers(DEFAULT_PRECHAT, defs, { skillId: 'sSales' }, skills)).toEqual({ ok: false, problems: [{ key: 'skill', error: 'option' }] });
    expect(checkPrechatAnswers(DEFAULT_PRECHAT, defs, { caseData: { accountNumber: '1' } }, skills)).toEqual({ ok: false, problems: [{ key: 'accountNumber', error: 'notOnForm' }] });
  });

  it('the topic decides the skill, then the queue, then the language (R1)', () => {
    expect(requiredSkillFor({ pickedSkillId: 'sSales', queueSkillId: 'sQueue', languageSkillId: 'sEnglish' })).toBe('sSales');
    expect(requiredSkillFor({ pickedSkillId: null, queueSkillId: 'sQueue', languageSkillId: 'sEnglish' })).toBe('sQueue');
    expect(requiredSkillFor({ pickedSkillId: null, queueSkillId: null, languageSkillId: 'sFrench' })).toBe('sFrench');
    expect(requiredSkillFor({ pickedSkillId: null, queueSkillId: null, languageSkillId: null })).toBeNull();
  });

  it('the admin form: built-in fields, duplicates and bad ids are refused; a stored value that no longer reads is the default', () => {
    expect(prechatFormSchema.safeParse({ fields: [{ key: 'accountNumber', required: true }], skillIds: ['s1'], pickLanguage: true }).success).toBe(true);
    expect(prechatFormSchema.safeParse({ fields: [{ key: 'email', required: true }], skillIds: [], pickLanguage: true }).success).toBe(false);
    expect(prechatFormSchema.safeParse({ fields: [{ key: 'a', required: true }, { key: 'a', required: false }], skillIds: [], pickLanguage: true }).success).toBe(false);
    expect(prechatFormSchema.safeParse({ fields: [], skillIds: ['s1', 's1'], pickLanguage: true }).success).toBe(false);
    expect(prechatFormSchema.safeParse({ fields: [], skillIds: ['a b'], pickLanguage: true }).success).toBe(false);
    expect(prechatFormSchema.safeParse({ fields: [{ key: 'x;drop', required: true }], skillIds: [], pickLanguage: true }).success).toBe(false);
    expect(readPrechatForm({ fields: 'nope' })).toBe(DEFAULT_PRECHAT);
    expect(readPrechatForm(form)).toEqual(form);
  });
});
