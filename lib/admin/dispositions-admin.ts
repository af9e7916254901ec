import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { auditedChange, lockRow, type Actor } from './common';
import { announceCurrentConfig } from './settings-admin';
import { moveInOrder } from './order';

// M3: disposition codes. Retired codes stay on the interactions that carry them; agents no
// longer see them in the list. Open agent views re-read the list when told (announceCurrentConfig).

export function listDispositions() {
  return db.dispositionCode.findMany({ orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }], select: { id: true, name: true, sortOrder: true, retired: true, _count: { select: { interactions: true } } } });
}

export async function createDisposition(actor: Actor, name: string) {
  const r = await auditedChange(actor, async (tx) => {
    // Serialise creations so two admins adding at once get distinct positions.
    await tx.$executeRaw`LOCK TABLE "DispositionCode" IN SHARE ROW EXCLUSIVE MODE`;
    const last = await tx.dispositionCode.aggregate({ _max: { sortOrder: true } });
    const code = await tx.dispositionCode.create({ data: { name, sortOrder: (last._max.sortOrder ?? -1) + 1 }, select: { id: true, name: true, retired: true } });
    return { result: { id: code.id }, audit: { action: 'disposition.create', target: `disposition:${code.id}`, before: null, after: { name: code.name, retired: code.retired } } };
  });
  await announceCurrentConfig();
  return r;
}

export async function renameDisposition(actor: Actor, id: string, name: string) {
  const r = await auditedChange(actor, async (tx) => {
    await lockRow(tx, 'DispositionCode', id);
    const before = await tx.dispositionCode.findUniqueOrThrow({ where: { id }, select: { name: true } });
    const after = await tx.dispositionCode.update({ where: { id }, data: { name }, select: { name: true } });
    return { result: { id }, audit: { action: 'disposition.rename', target: `disposition:${id}`, before, after } };
  });
  await announceCurrentConfig();
  return r;
}

export async function setDispositionRetired(actor: Actor, id: string, retired: boolean) {
  const r = await auditedChange(actor, async (tx) => {
    await lockRow(tx, 'DispositionCode', id);
    const before = await tx.dispositionCode.findUniqueOrThrow({ where: { id }, select: { name: true, retired: true } });
    const after = await tx.dispositionCode.update({ where: { id }, data: { retired }, select: { name: true, retired: true } });
    return { result: { id }, audit: { action: retired ? 'disposition.retire' : 'disposition.restore', target: `disposition:${id}`, before, after } };
  });
  await announceCurrentConfig();
  return r;
}

/** Moves one code a place up or down; the whole order is rewritten 0…n-1 under a table lock. */
export async function moveDisposition(actor: Actor, id: string, direction: 'up' | 'down') {
  const r = await auditedChange(actor, async (tx) => {
    await tx.$executeRaw`LOCK TABLE "DispositionCode" IN SHARE ROW EXCLUSIVE MODE`;
    const all = await tx.dispositionCode.findMany({ orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }], select: { id: true, name: true } });
    if (!all.some((c) => c.id === id)) throw new AppError('notFound');
    const next = moveInOrder(all.map((c) => c.id), id, direction);
    for (const [i, cid] of next.entries()) await tx.dispositionCode.update({ where: { id: cid }, data: { sortOrder: i } });
    const name = (cid: string) => all.find((c) => c.id === cid)!.name;
    return {
      result: { id },
      audit: { action: 'disposition.reorder', target: `disposition:${id}`, before: { order: all.map((c) => c.name) }, after: { order: next.map(name) } },
    };
  });
  await announceCurrentConfig();
  return r;
}
