'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { KeyRound, Pencil, UserPlus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useForm, type FieldErrors, type UseFormRegisterReturn } from 'react-hook-form';
import type { z } from 'zod';
import { passwordResetSchema, ROLES, userCreateSchema, userUpdateSchema } from '@/lib/admin/schemas';
import type { AdminUser } from '@/lib/admin/directory-admin';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { Switch } from '@/components/ui/switch';
import { createUserAction, resetPasswordAction, setUserActiveAction, updateUserAction } from '../actions';
import { CheckboxField, FormStatus, Section, SelectField, useApplyResult, useValidationMessage } from '../form-kit';
import { AdminTable, RowButton } from '../admin-table';

type Named = { id: string; name: string };
type CreateValues = z.input<typeof userCreateSchema>;
type UpdateValues = z.input<typeof userUpdateSchema>;
/** The fields both user forms have, typed once: each form passes its own `register` and errors. */
type SharedName = 'name' | 'role' | 'groupId' | 'capacity' | 'nickname' | 'skillIds';
type SharedValues = Pick<CreateValues, SharedName> & Pick<UpdateValues, SharedName>;
type RegisterShared = (name: SharedName, options?: { valueAsNumber?: true }) => UseFormRegisterReturn<SharedName>;

/** M4: users — create; role, group, skills, capacity, nickname; active; reset password. */
export function UsersPanel({ me, users, groups, skills }: { me: string; users: AdminUser[]; groups: Named[]; skills: Named[] }) {
  const t = useTranslations('admin');
  const te = useTranslations('errors');
  const router = useRouter();
  const [pending, start] = useTransition();
  const [rowError, setRowError] = useState<string | null>(null);
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [resetting, setResetting] = useState<AdminUser | null>(null);
  const groupName = (id: string | null) => groups.find((g) => g.id === id)?.name ?? t('users.noGroup');

  const setActive = (u: AdminUser, active: boolean) =>
    start(async () => {
      const r = await setUserActiveAction({ id: u.id, active });
      if (r?.serverError || r?.validationErrors || !r?.data) setRowError(te.has(r?.serverError?.code ?? '') ? te((r?.serverError?.code ?? 'internal') as 'internal') : te('internal'));
      else {
        setRowError(null);
        router.refresh();
      }
    });

  return (
    <Section id="users" title={t('users.title')}>
      <CreateUser groups={groups} skills={skills} />
      {rowError && (
        <p role="alert" className="my-2 text-sm text-red-800">
          {rowError}
        </p>
      )}
      <AdminTable columns={[t('users.name'), t('users.email'), t('users.role'), t('users.group'), t('users.skills'), t('users.capacity'), t('users.nickname'), t('users.active'), t('form.actions')]} className="mt-4">
        {users.map((u) => (
          <tr key={u.id} className={`border-b border-slate-100 ${u.active ? '' : 'text-slate-500'}`}>
            <th scope="row" className="p-2 text-left font-medium">
              {u.name}
            </th>
            <td className="p-2">{u.email}</td>
            <td className="p-2">{t(`users.roles.${u.role}`)}</td>
            <td className="p-2">{groupName(u.groupId)}</td>
            <td className="p-2">{skills.filter((s) => u.skillIds.includes(s.id)).map((s) => s.name).join(', ')}</td>
            <td className="p-2">{u.capacity}</td>
            <td className="p-2">{u.nickname ?? ''}</td>
            <td className="p-2">
              <Switch label={<span className="sr-only">{t('users.activeOf', { name: u.name })}</span>} checked={u.active} disabled={pending || u.id === me} onCheckedChange={(v) => setActive(u, v)} />
            </td>
            <td className="p-2">
              <span className="flex gap-1 whitespace-nowrap">
                <RowButton icon={Pencil} label={t('form.edit')} name={u.name} onClick={() => setEditing(u)} />
                <RowButton icon={KeyRound} label={t('users.resetPassword')} name={u.name} onClick={() => setResetting(u)} />
              </span>
            </td>
          </tr>
        ))}
      </AdminTable>
      <Dialog open={editing !== null} onOpenChange={(o) => !o && setEditing(null)}>
        {editing && (
          <DialogContent title={t('form.editTitle', { name: editing.name })} closeLabel={t('form.close')}>
            <EditUser user={editing} groups={groups} skills={skills} onDone={() => setEditing(null)} />
          </DialogContent>
        )}
      </Dialog>
      <Dialog open={resetting !== null} onOpenChange={(o) => !o && setResetting(null)}>
        {resetting && (
          <DialogContent title={t('users.resetPasswordOf', { name: resetting.name })} closeLabel={t('form.close')}>
            <ResetPassword user={resetting} />
          </DialogContent>
        )}
      </Dialog>
    </Section>
  );
}

/** The fields a user has in both forms. */
function UserFields({ register, errors, groups, skills }: { register: RegisterShared; errors: FieldErrors<SharedValues>; groups: Named[]; skills: Named[] }) {
  const t = useTranslations('admin');
  const msg = useValidationMessage();
  return (
    <>
      <TextField label={t('users.name')} autoComplete="off" error={msg(errors.name?.message)} {...register('name')} />
      <SelectField label={t('users.role')} options={ROLES.map((r) => ({ value: r, label: t(`users.roles.${r}`) }))} error={msg(errors.role?.message)} {...register('role')} />
      <SelectField
        label={t('users.group')}
        options={[{ value: '', label: t('users.noGroup') }, ...groups.map((g) => ({ value: g.id, label: g.name }))]}
        error={msg(errors.groupId?.message)}
        {...register('groupId')}
      />
      <TextField type="number" inputMode="numeric" label={t('users.capacity')} error={msg(errors.capacity?.message)} {...register('capacity', { valueAsNumber: true })} />
      <TextField label={t('users.nickname')} autoComplete="off" error={msg(errors.nickname?.message)} {...register('nickname')} />
      <fieldset className="sm:col-span-2">
        <legend className="text-sm font-medium">{t('users.skills')}</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {skills.map((s) => (
            <CheckboxField key={s.id} label={s.name} value={s.id} {...register('skillIds')} />
          ))}
        </div>
      </fieldset>
    </>
  );
}

function CreateUser({ groups, skills }: { groups: Named[]; skills: Named[] }) {
  const t = useTranslations('admin');
  const router = useRouter();
  const msg = useValidationMessage();
  const apply = useApplyResult();
  const [saved, setSaved] = useState(false);
  const empty: CreateValues = { email: '', password: '', name: '', role: 'AGENT', groupId: '', skillIds: [], capacity: 3, nickname: '' };
  const form = useForm<CreateValues, unknown, z.output<typeof userCreateSchema>>({ resolver: zodResolver(userCreateSchema), defaultValues: empty });
  const { isSubmitting, errors } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    if (apply(await createUserAction(values), form.setError, 'email')) {
      form.reset(empty);
      setSaved(true);
      router.refresh();
    }
  });
  return (
    <form noValidate onSubmit={onSubmit} onChange={() => setSaved(false)} aria-labelledby="new-user-title" className="rounded border border-slate-200 bg-white p-3">
      <h3 id="new-user-title" className="mb-2 font-semibold">
        {t('users.new')}
      </h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField type="email" label={t('users.email')} autoComplete="off" error={msg(errors.email?.message)} {...form.register('email')} />
        <TextField type="password" label={t('users.password')} autoComplete="new-password" error={msg(errors.password?.message)} {...form.register('password')} />
        <UserFields register={form.register} errors={errors} groups={groups} skills={skills} />
      </div>
      <div className="mt-3 flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={isSubmitting} className="inline-flex items-center gap-1">
          <UserPlus aria-hidden className="size-4" />
          {t('users.create')}
        </Button>
        <FormStatus pending={isSubmitting} saved={saved} error={errors.root?.server?.message} />
      </div>
    </form>
  );
}

function EditUser({ user, groups, skills, onDone }: { user: AdminUser; groups: Named[]; skills: Named[]; onDone: () => void }) {
  const t = useTranslations('admin');
  const router = useRouter();
  const apply = useApplyResult();
  const form = useForm<UpdateValues, unknown, z.output<typeof userUpdateSchema>>({
    resolver: zodResolver(userUpdateSchema),
    defaultValues: { id: user.id, active: user.active, name: user.name, role: user.role, groupId: user.groupId ?? '', skillIds: user.skillIds, capacity: user.capacity, nickname: user.nickname ?? '' },
  });
  const { isSubmitting, errors } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    if (apply(await updateUserAction(values), form.setError)) {
      router.refresh();
      onDone();
    }
  });
  return (
    <form noValidate onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2">
      <UserFields register={form.register} errors={errors} groups={groups} skills={skills} />
      <CheckboxField label={t('users.active')} {...form.register('active')} />
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" variant="primary" disabled={isSubmitting}>
          {t('form.save')}
        </Button>
        <FormStatus pending={isSubmitting} saved={false} error={errors.root?.server?.message} />
      </div>
    </form>
  );
}

function ResetPassword({ user }: { user: AdminUser }) {
  const t = useTranslations('admin');
  const msg = useValidationMessage();
  const apply = useApplyResult();
  const [saved, setSaved] = useState(false);
  const form = useForm({ resolver: zodResolver(passwordResetSchema), defaultValues: { id: user.id, password: '' } });
  const { isSubmitting, errors } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    if (apply(await resetPasswordAction(values), form.setError)) {
      form.reset({ id: user.id, password: '' });
      setSaved(true);
    }
  });
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-3">
      <TextField type="password" label={t('users.newPassword')} autoComplete="new-password" error={msg(errors.password?.message)} {...form.register('password')} />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={isSubmitting}>
          {t('form.save')}
        </Button>
        <FormStatus pending={isSubmitting} saved={saved} savedText={t('users.passwordReset')} error={errors.root?.server?.message} />
      </div>
    </form>
  );
}
