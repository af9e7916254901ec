'use server';

import { z } from 'zod';
import { adminAction } from '@/lib/safe-action';
import { idSchema } from '@/lib/interactions/core/schemas';
import { createResponse, deleteResponse, responseInputSchema, updateResponse } from '@/lib/responses/responses';

// A15: the standard-response library, admins only; each change is audited by the domain function.

export const createResponseAction = adminAction
  .metadata({ name: 'createResponse' })
  .inputSchema(responseInputSchema)
  .action(async ({ parsedInput, ctx }) => createResponse(ctx.user, parsedInput));

export const updateResponseAction = adminAction
  .metadata({ name: 'updateResponse' })
  .inputSchema(responseInputSchema.extend({ id: idSchema }))
  .action(async ({ parsedInput: { id, ...input }, ctx }) => updateResponse(ctx.user, id, input));

export const deleteResponseAction = adminAction
  .metadata({ name: 'deleteResponse' })
  .inputSchema(z.object({ id: idSchema }))
  .action(async ({ parsedInput, ctx }) => deleteResponse(ctx.user, parsedInput.id));
