'use server';

import { adminAction } from '@/lib/safe-action';
import * as dir from '@/lib/admin/directory-admin';
import * as dispo from '@/lib/admin/dispositions-admin';
import * as cases from '@/lib/admin/case-data-admin';
import { updateSettings } from '@/lib/admin/settings-admin';
import * as s from '@/lib/admin/schemas';
import { z } from 'zod';

// M1–M6: every admin change. Admins only (adminAction); each validates with the schema its form
// uses and calls one domain function that writes the change and its audit row together.

const ok = { ok: true as const };

// M1, S4
export const saveTimersAction = adminAction
  .metadata({ name: 'admin.saveTimers' })
  .inputSchema(s.timersSchema)
  .action(async ({ parsedInput, ctx }) => {
    await updateSettings(ctx.user, parsedInput);
    return ok;
  });

// M2
export const setNicknamePolicyAction = adminAction
  .metadata({ name: 'admin.setNicknamePolicy' })
  .inputSchema(s.nicknamePolicySchema)
  .action(async ({ parsedInput, ctx }) => {
    await updateSettings(ctx.user, parsedInput);
    return ok;
  });
export const setUserNicknameAction = adminAction
  .metadata({ name: 'admin.setUserNickname' })
  .inputSchema(s.userNicknameSchema)
  .action(async ({ parsedInput: p, ctx }) => dir.setUserNickname(ctx.user, p.id, p.nickname));
export const setGroupNicknameAction = adminAction
  .metadata({ name: 'admin.setGroupNickname' })
  .inputSchema(s.groupNicknameSchema)
  .action(async ({ parsedInput: p, ctx }) => dir.setGroupNickname(ctx.user, p.id, p.genericNickname));

// M3
export const addDispositionAction = adminAction
  .metadata({ name: 'admin.addDisposition' })
  .inputSchema(s.dispositionCreateSchema)
  .action(async ({ parsedInput: p, ctx }) => dispo.createDisposition(ctx.user, p.name));
export const renameDispositionAction = adminAction
  .metadata({ name: 'admin.renameDisposition' })
  .inputSchema(s.dispositionRenameSchema)
  .action(async ({ parsedInput: p, ctx }) => dispo.renameDisposition(ctx.user, p.id, p.name));
export const moveDispositionAction = adminAction
  .metadata({ name: 'admin.moveDisposition' })
  .inputSchema(s.dispositionMoveSchema)
  .action(async ({ parsedInput: p, ctx }) => dispo.moveDisposition(ctx.user, p.id, p.direction));
export const retireDispositionAction = adminAction
  .metadata({ name: 'admin.retireDisposition' })
  .inputSchema(s.dispositionRetireSchema)
  .action(async ({ parsedInput: p, ctx }) => dispo.setDispositionRetired(ctx.user, p.id, p.retired));
export const setDispositionRequiredAction = adminAction
  .metadata({ name: 'admin.setDispositionRequired' })
  .inputSchema(s.dispositionRequiredSchema)
  .action(async ({ parsedInput, ctx }) => {
    await updateSettings(ctx.user, parsedInput);
    return ok;
  });

// M5
export const createCaseFieldAction = adminAction
  .metadata({ name: 'admin.createCaseField' })
  .inputSchema(s.caseFieldCreateSchema)
  .action(async ({ parsedInput, ctx }) => cases.createCaseField(ctx.user, parsedInput));
export const updateCaseFieldAction = adminAction
  .metadata({ name: 'admin.updateCaseField' })
  .inputSchema(s.caseFieldUpdateSchema)
  .action(async ({ parsedInput, ctx }) => cases.updateCaseField(ctx.user, parsedInput));

// M4: users
export const createUserAction = adminAction
  .metadata({ name: 'admin.createUser' })
  .inputSchema(s.userCreateSchema)
  .action(async ({ parsedInput, ctx }) => dir.createUser(ctx.user, parsedInput));
export const updateUserAction = adminAction
  .metadata({ name: 'admin.updateUser' })
  .inputSchema(s.userUpdateSchema)
  .action(async ({ parsedInput, ctx }) => dir.updateUser(ctx.user, parsedInput));
export const setUserActiveAction = adminAction
  .metadata({ name: 'admin.setUserActive' })
  .inputSchema(z.object({ id: s.idField, active: z.boolean() }))
  .action(async ({ parsedInput: p, ctx }) => dir.setUserActive(ctx.user, p.id, p.active));
export const resetPasswordAction = adminAction
  .metadata({ name: 'admin.resetPassword' })
  .inputSchema(s.passwordResetSchema)
  .action(async ({ parsedInput, ctx }) => dir.resetPassword(ctx.user, parsedInput));

// M4: groups, skills, queues, routing points
export const createGroupAction = adminAction
  .metadata({ name: 'admin.createGroup' })
  .inputSchema(s.groupSchema)
  .action(async ({ parsedInput, ctx }) => dir.createGroup(ctx.user, parsedInput));
export const updateGroupAction = adminAction
  .metadata({ name: 'admin.updateGroup' })
  .inputSchema(s.groupUpdateSchema)
  .action(async ({ parsedInput, ctx }) => dir.updateGroup(ctx.user, parsedInput));
export const deleteGroupAction = adminAction
  .metadata({ name: 'admin.deleteGroup' })
  .inputSchema(s.deleteSchema)
  .action(async ({ parsedInput, ctx }) => dir.deleteGroup(ctx.user, parsedInput.id));
export const createSkillAction = adminAction
  .metadata({ name: 'admin.createSkill' })
  .inputSchema(s.skillSchema)
  .action(async ({ parsedInput, ctx }) => dir.createSkill(ctx.user, parsedInput));
export const updateSkillAction = adminAction
  .metadata({ name: 'admin.updateSkill' })
  .inputSchema(s.skillUpdateSchema)
  .action(async ({ parsedInput, ctx }) => dir.updateSkill(ctx.user, parsedInput));
export const deleteSkillAction = adminAction
  .metadata({ name: 'admin.deleteSkill' })
  .inputSchema(s.deleteSchema)
  .action(async ({ parsedInput, ctx }) => dir.deleteSkill(ctx.user, parsedInput.id));
export const createQueueAction = adminAction
  .metadata({ name: 'admin.createQueue' })
  .inputSchema(s.queueSchema)
  .action(async ({ parsedInput, ctx }) => dir.createQueue(ctx.user, parsedInput));
export const updateQueueAction = adminAction
  .metadata({ name: 'admin.updateQueue' })
  .inputSchema(s.queueUpdateSchema)
  .action(async ({ parsedInput, ctx }) => dir.updateQueue(ctx.user, parsedInput));
export const deleteQueueAction = adminAction
  .metadata({ name: 'admin.deleteQueue' })
  .inputSchema(s.deleteSchema)
  .action(async ({ parsedInput, ctx }) => dir.deleteQueue(ctx.user, parsedInput.id));
export const createRoutingPointAction = adminAction
  .metadata({ name: 'admin.createRoutingPoint' })
  .inputSchema(s.routingPointSchema)
  .action(async ({ parsedInput, ctx }) => dir.createRoutingPoint(ctx.user, parsedInput));
export const updateRoutingPointAction = adminAction
  .metadata({ name: 'admin.updateRoutingPoint' })
  .inputSchema(s.routingPointUpdateSchema)
  .action(async ({ parsedInput, ctx }) => dir.updateRoutingPoint(ctx.user, parsedInput));
export const deleteRoutingPointAction = adminAction
  .metadata({ name: 'admin.deleteRoutingPoint' })
  .inputSchema(s.deleteSchema)
  .action(async ({ parsedInput, ctx }) => dir.deleteRoutingPoint(ctx.user, parsedInput.id));
