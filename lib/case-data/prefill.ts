/**
 * The case data a new chat starts with, from what the contact typed in the start form: a field
 * whose key names one of the form's values (name, email, phone, question, language, queue) is
 * filled with it. Only the form's own values count: a field keyed `constructor`, `__proto__` or
 * `toString` (any key an admin may choose) never picks up something inherited from Object.
 */
export function prefilledCaseData(
  fields: readonly { id: string; key: string }[],
  values: Readonly<Record<string, string | undefined>>,
): { fieldId: string; value: string }[] {
  const out: { fieldId: string; value: string }[] = [];
  for (const f of fields) {
    const value = Object.hasOwn(values, f.key) ? values[f.key] : undefined;
    if (typeof value === 'string' && value !== '') out.push({ fieldId: f.id, value });
  }
  return out;
}
