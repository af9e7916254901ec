'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { displayNameFor, NICKNAME_POLICIES, type NicknamePolicy } from '@/lib/directory/nickname';
import { groupNicknameSchema, nicknamePolicySchema, userNicknameSchema } from '@/lib/admin/schemas';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { setGroupNicknameAction, setNicknamePolicyAction, setUserNicknameAction } from '../actions';
import { FormStatus, Section, useApplyResult, useValidationMessage } from '../form-kit';
import { AdminTable } from '../admin-table';

interface AgentRow {
  id: string;
  name: string;
  nickname: string | null;
  groupId: string | null;
  active: boolean;
}
interface GroupRow {
  id: string;
  name: string;
  genericNickname: string | null;
}

/** M2: the policy, per-agent and per-group nicknames, and what a contact would see for each agent. */
export function NicknamesPanel({ policy, agents, groups }: { policy: NicknamePolicy; agents: AgentRow[]; groups: GroupRow[] }) {
  const t = useTranslations('admin');
  // Drafts, so the preview follows what is typed before it is saved.
  const [draftPolicy, setDraftPolicy] = useState(policy);
  const [agentDrafts, setAgentDrafts] = useState<Record<string, string>>({});
  const [groupDrafts, setGroupDrafts] = useState<Record<string, string>>({});
  const groupNick = (g: GroupRow) => (g.id in groupDrafts ? groupDrafts[g.id]! : (g.genericNickname ?? ''));
  const preview = (a: AgentRow) => {
    const g = groups.find((x) => x.id === a.groupId);
    return displayNameFor({ name: a.name, nickname: a.id in agentDrafts ? agentDrafts[a.id]! : a.nickname }, g ? { genericNickname: groupNick(g) } : null, draftPolicy);
  };

  return (
    <Section id="nicknames" title={t('nicknames.title')}>
      <PolicyForm policy={policy} onDraft={setDraftPolicy} />

      <h3 className="mb-2 mt-6 font-semibold">{t('nicknames.agents')}</h3>
      <AdminTable columns={[t('nicknames.agent'), t('nicknames.group'), t('nicknames.nickname'), t('nicknames.preview')]}>
        {agents.map((a) => (
          <tr key={a.id} className="border-b border-slate-100 align-top">
            <th scope="row" className="p-2 text-left font-normal">
              {a.name}
              {!a.active && <span className="ml-1 text-xs text-slate-500">({t('users.inactive')})</span>}
            </th>
            <td className="p-2">{groups.find((g) => g.id === a.groupId)?.name ?? t('nicknames.noGroup')}</td>
            <td className="p-2">
              <NicknameForm
                id={a.id}
                label={t('nicknames.nicknameOf', { name: a.name })}
                value={a.nickname}
                onDraft={(v) => setAgentDrafts((d) => ({ ...d, [a.id]: v }))}
                kind="user"
              />
            </td>
            <td className="p-2">
              <output aria-label={t('nicknames.preview')} className="font-medium" data-agent={a.name}>
                {preview(a)}
              </output>
            </td>
          </tr>
        ))}
      </AdminTable>

      <h3 className="mb-2 mt-6 font-semibold">{t('nicknames.groups')}</h3>
      <AdminTable columns={[t('nicknames.group'), t('nicknames.genericNickname')]}>
        {groups.map((g) => (
          <tr key={g.id} className="border-b border-slate-100 align-top">
            <th scope="row" className="p-2 text-left font-normal">
              {g.name}
            </th>
            <td className="p-2">
              <NicknameForm
                id={g.id}
                label={t('nicknames.genericNicknameOf', { name: g.name })}
                value={g.genericNickname}
                onDraft={(v) => setGroupDrafts((d) => ({ ...d, [g.id]: v }))}
                kind="group"
              />
            </td>
          </tr>
        ))}
      </AdminTable>
    </Section>
  );
}

function PolicyForm({ policy, onDraft }: { policy: NicknamePolicy; onDraft: (p: NicknamePolicy) => void }) {
  const t = useTranslations('admin');
  const router = useRouter();
  const apply = useApplyResult();
  const [saved, setSaved] = useState(false);
  const form = useForm({ resolver: zodResolver(nicknamePolicySchema), defaultValues: { nicknamePolicy: policy } });
  const { isSubmitting, errors } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    if (apply(await setNicknamePolicyAction(values), form.setError)) {
      form.reset(values);
      setSaved(true);
      router.refresh();
    }
  });
  const field = form.register('nicknamePolicy', { onChange: (e) => (onDraft(e.target.value as NicknamePolicy), setSaved(false)) });
  return (
    <form noValidate onSubmit={onSubmit} className="rounded border border-slate-200 bg-white p-3">
      <fieldset>
        <legend className="mb-2 text-sm font-semibold">{t('nicknames.policy')}</legend>
        <div className="flex flex-col gap-1">
          {NICKNAME_POLICIES.map((p) => (
            <label key={p} className="inline-flex items-center gap-2 text-sm">
              <input type="radio" value={p} {...field} />
              {t(`nicknames.policies.${p}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="mt-3 flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={isSubmitting}>
          {t('form.save')}
        </Button>
        <FormStatus pending={isSubmitting} saved={saved} error={errors.root?.server?.message} />
      </div>
    </form>
  );
}

function NicknameForm({ id, label, value, onDraft, kind }: { id: string; label: string; value: string | null; onDraft: (v: string) => void; kind: 'user' | 'group' }) {
  const t = useTranslations('admin');
  const router = useRouter();
  const msg = useValidationMessage();
  const apply = useApplyResult();
  const [saved, setSaved] = useState(false);
  const form = useForm<{ id: string; value: string }>({ defaultValues: { id, value: value ?? '' } });
  const { isSubmitting, errors } = form.formState;
  const onSubmit = form.handleSubmit(async ({ value: v }) => {
    setSaved(false);
    // The row's one field is validated by the schema the action uses.
    const schema = kind === 'user' ? userNicknameSchema : groupNicknameSchema;
    const input = kind === 'user' ? { id, nickname: v } : { id, genericNickname: v };
    const parsed = schema.safeParse(input);
    if (!parsed.success) return form.setError('value', { message: parsed.error.issues[0]?.message });
    const r = kind === 'user' ? await setUserNicknameAction({ id, nickname: v }) : await setGroupNicknameAction({ id, genericNickname: v });
    if (r?.validationErrors) {
      const fe = (r.validationErrors as { fieldErrors?: Record<string, string[]> }).fieldErrors ?? {};
      return form.setError('value', { message: Object.values(fe)[0]?.[0] ?? 'invalid' });
    }
    if (apply(r, form.setError)) {
      form.reset({ id, value: v });
      setSaved(true);
      router.refresh();
    }
  });
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-wrap items-start gap-2">
      <TextField
        label={<span className="sr-only">{label}</span>}
        aria-label={label}
        error={msg(errors.value?.message)}
        className="w-48"
        {...form.register('value', { onChange: (e) => (onDraft(e.target.value), setSaved(false)) })}
      />
      <Button type="submit" disabled={isSubmitting} className="mt-1">
        {t('form.save')}
      </Button>
      <FormStatus pending={isSubmitting} saved={saved} error={errors.root?.server?.message} />
    </form>
  );
}
