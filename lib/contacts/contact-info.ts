import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { recordAudit } from '@/lib/audit/audit';
import { requireStaffAccess, type Staff } from '@/lib/interactions/core/access';
import { checkContactInput, type ContactInput, type ContactErrors } from './contact-rules';

export interface ContactInfo {
  id: string;
  name: string;
  emails: string[];
  phones: string[];
}

async function contactOf(interactionId: string) {
  const i = await db.interaction.findUniqueOrThrow({ where: { id: interactionId }, select: { contactId: true } });
  return i.contactId;
}

export async function contactInfo(user: Staff, interactionId: string): Promise<ContactInfo> {
  await requireStaffAccess(user, interactionId, 'read');
  const c = await db.contact.findUniqueOrThrow({
    where: { id: await contactOf(interactionId) },
    select: { id: true, name: true, emails: { select: { email: true }, orderBy: { id: 'asc' } }, phones: { select: { phone: true }, orderBy: { id: 'asc' } } },
  });
  return { id: c.id, name: c.name, emails: c.emails.map((e) => e.email), phones: c.phones.map((p) => p.phone) };
}

export type UpdateContactResult = { ok: true; contact: ContactInfo } | { ok: false; errors: ContactErrors };

/**
 * A13: the contact of a chat the caller acts on gets a new name, emails and phones. Invalid values
 * change nothing. An email or phone that already belongs to another contact is refused with that
 * explanation: two records are never merged silently (that is a deliberate, separate decision).
 */
export async function updateContact(user: Staff, interactionId: string, input: ContactInput): Promise<UpdateContactResult> {
  await requireStaffAccess(user, interactionId, 'act');
  const checked = checkContactInput(input);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const { name, emails, phones } = checked.value;
  const contactId = await contactOf(interactionId);
  try {
    return await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Contact" WHERE id = ${contactId} FOR UPDATE`;
      const [takenEmails, takenPhones] = await Promise.all([
        tx.contactEmail.findMany({ where: { email: { in: emails }, contactId: { not: contactId } }, select: { email: true } }),
        tx.contactPhone.findMany({ where: { phone: { in: phones }, contactId: { not: contactId } }, select: { phone: true } }),
      ]);
      if (takenEmails.length || takenPhones.length) {
        const errors: ContactErrors = {};
        if (takenEmails.length) errors.emails = takenEmails.map((e) => ({ value: e.email, error: 'belongsToOther' as const }));
        if (takenPhones.length) errors.phones = takenPhones.map((p) => ({ value: p.phone, error: 'belongsToOther' as const }));
        return { ok: false as const, errors };
      }
      const before = await tx.contact.findUniqueOrThrow({
        where: { id: contactId },
        select: { name: true, emails: { select: { email: true }, orderBy: { id: 'asc' } }, phones: { select: { phone: true }, orderBy: { id: 'asc' } } },
      });
      const had = { name: before.name, emails: before.emails.map((e) => e.email), phones: before.phones.map((p) => p.phone) };
      await tx.contactEmail.deleteMany({ where: { contactId, email: { notIn: emails } } });
      await tx.contactPhone.deleteMany({ where: { contactId, phone: { notIn: phones } } });
      const newEmails = emails.filter((e) => !had.emails.includes(e));
      const newPhones = phones.filter((p) => !had.phones.includes(p));
      if (newEmails.length) await tx.contactEmail.createMany({ data: newEmails.map((email) => ({ contactId, email })) });
      if (newPhones.length) await tx.contactPhone.createMany({ data: newPhones.map((phone) => ({ contactId, phone })) });
      if (name !== had.name) await tx.contact.update({ where: { id: contactId }, data: { name } });
      const after = { name, emails: had.emails.filter((e) => emails.includes(e)).concat(newEmails), phones: had.phones.filter((p) => phones.includes(p)).concat(newPhones) };
      const changed = JSON.stringify(after) !== JSON.stringify(had);
      if (changed) await recordAudit(tx, { actorId: user.id, action: 'contact.update', target: `contact:${contactId}`, before: had, after });
      return { ok: true as const, contact: { id: contactId, ...after } };
    });
  } catch (e) {
    // Another contact took one of these values between the check and the write (unique index).
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') throw new AppError('conflict', 'email or phone taken meanwhile');
    throw e;
  }
}

/** A1: the agent clicked one of the contact's numbers (a tel: call action); kept in their history. */
export async function logCallAttempt(user: Staff, interactionId: string, phone: string) {
  await requireStaffAccess(user, interactionId, 'act');
  const contactId = await contactOf(interactionId);
  const known = await db.contactPhone.findFirst({ where: { contactId, phone }, select: { id: true } });
  if (!known) throw new AppError('invalidInput', 'not one of the contact’s phone numbers');
  const row = await db.callAttempt.create({ data: { contactId, interactionId, userId: user.id, phone }, select: { id: true, createdAt: true } });
  return { id: row.id, phone, createdAt: row.createdAt.toISOString() };
}
