import { describe, expect, it } from 'vitest';
import { prefilledCaseData } from './prefill';

describe('prefilledCaseData', () => {
  const values = { name: 'Ana', email: undefined, question: 'Where is my parcel?' };
  it('fills the fields keyed by a value of the start form, and only those with a value', () => {
    const fields = [{ id: 'f1', key: 'name' }, { id: 'f2', key: 'email' }, { id: 'f3', key: 'question' }, { id: 'f4', key: 'orderNumber' }];
    expect(prefilledCaseData(fields, values)).toEqual([
      { fieldId: 'f1', value: 'Ana' },
      { fieldId: 'f3', value: 'Where is my parcel?' },
    ]);
  });
  it('never takes an inherited member for a field keyed like one (constructor, __proto__, toString …)', () => {
    const fields = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'].map((key, i) => ({ id: `p${i}`, key }));
    expect(prefilledCaseData(fields, values)).toEqual([]);
  });
});
