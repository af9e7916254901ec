'use server';

import { z } from 'zod';
import { chatAction, agentAction } from '@/lib/safe-action';
import { idSchema } from '@/lib/interactions/core/schemas';
import { addNote, deleteNote, editNote, listNotes, NOTE_MAX } from '@/lib/notes/notes';
import { saveCaseValue } from '@/lib/case-data/case-data';
import { logCallAttempt, updateContact } from '@/lib/contacts/contact-info';
import { contactCallAttempts, contactHistory, historyTranscript } from '@/lib/contacts/history';
import { responsesForChat } from '@/lib/responses/responses';
import { isText } from '@/lib/case-data/validate';

// The agent workspace's side panels (A1, A10–A13, A15). Each action names the chat it works on;
// chatAction checks the caller's access to it, and the domain function checks again and scopes
// every read by that chat (the rule: lib/access/README.md).

const onChat = z.object({ interactionId: idSchema });
const noteText = z
  .string()
  .max(NOTE_MAX * 2)
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().min(1).max(NOTE_MAX))
  .refine(isText);
const shortText = (max: number) => z.string().max(max);

export const listNotesAction = chatAction('read')
  .metadata({ name: 'listNotes' })
  .inputSchema(onChat)
  .action(async ({ parsedInput, ctx }) => listNotes(ctx.user, parsedInput.interactionId));

export const addNoteAction = chatAction('act')
  .metadata({ name: 'addNote' })
  .inputSchema(onChat.extend({ text: noteText }))
  .action(async ({ parsedInput: p, ctx }) => addNote(ctx.user, p.interactionId, p.text));

export const editNoteAction = agentAction
  .metadata({ name: 'editNote' })
  .inputSchema(z.object({ noteId: idSchema, text: noteText }))
  .action(async ({ parsedInput: p, ctx }) => editNote(ctx.user, p.noteId, p.text));

export const deleteNoteAction = agentAction
  .metadata({ name: 'deleteNote' })
  .inputSchema(z.object({ noteId: idSchema }))
  .action(async ({ parsedInput: p, ctx }) => deleteNote(ctx.user, p.noteId));

export const saveCaseValueAction = chatAction('act')
  .metadata({ name: 'saveCaseValue' })
  .inputSchema(onChat.extend({ key: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/), value: shortText(2000) }))
  .action(async ({ parsedInput: p, ctx }) => saveCaseValue(ctx.user, p.interactionId, p.key, p.value));

export const updateContactAction = chatAction('act')
  .metadata({ name: 'updateContact' })
  .inputSchema(
    onChat.extend({
      name: shortText(400),
      emails: z.array(shortText(400)).max(20),
      phones: z.array(shortText(400)).max(20),
    }),
  )
  .action(async ({ parsedInput: p, ctx }) => updateContact(ctx.user, p.interactionId, { name: p.name, emails: p.emails, phones: p.phones }));

export const logCallAction = chatAction('act')
  .metadata({ name: 'logCall' })
  .inputSchema(onChat.extend({ phone: z.string().regex(/^\+?[0-9]{1,20}$/) }))
  .action(async ({ parsedInput: p, ctx }) => logCallAttempt(ctx.user, p.interactionId, p.phone));

export const contactHistoryAction = chatAction('read')
  .metadata({ name: 'contactHistory' })
  .inputSchema(onChat.extend({ cursor: idSchema.nullable().optional() }))
  .action(async ({ parsedInput: p, ctx }) => {
    const [page, calls] = await Promise.all([
      contactHistory(ctx.user, p.interactionId, { cursor: p.cursor ?? null }),
      p.cursor ? Promise.resolve(null) : contactCallAttempts(ctx.user, p.interactionId),
    ]);
    return { ...page, calls };
  });

export const historyTranscriptAction = chatAction('read')
  .metadata({ name: 'historyTranscript' })
  .inputSchema(onChat.extend({ pastId: idSchema }))
  .action(async ({ parsedInput: p, ctx }) => historyTranscript(ctx.user, p.interactionId, p.pastId));

export const chatResponsesAction = chatAction('act')
  .metadata({ name: 'chatResponses' })
  .inputSchema(onChat)
  .action(async ({ parsedInput, ctx }) => responsesForChat(ctx.user, parsedInput.interactionId));
