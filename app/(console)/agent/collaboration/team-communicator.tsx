'use client';

import { Command } from 'cmdk';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { Building2, GitBranch, History, Inbox, Sparkles, User, Users } from 'lucide-react';
import type { DirectoryEntry } from '@/lib/collaboration/targets';
import { pushRecent, TARGET_TYPES, type TargetRef, type TargetType } from '@/lib/collaboration/rules';
import { teamDirectoryAction } from '../collaboration-actions';
import { unwrap } from '@/components/staff/action-result';
import { readStored, storedShapes } from '@/lib/client/stored';

const ICONS: Record<TargetType, typeof User> = { AGENT: User, GROUP: Users, SKILL: Sparkles, QUEUE: Inbox, ROUTING_POINT: GitBranch };

function recentKey(me: string) {
  return `team-communicator-recent:${me}`;
}

function readRecent(me: string): TargetRef[] {
  return readStored((k) => localStorage.getItem(k), recentKey(me), storedShapes.recentTargets, []);
}

/**
 * T1: one search box (a cmdk combobox) over agents with their state and free capacity, groups,
 * skills, queues and routing points; results grouped by kind, recent targets (kept per user in
 * this browser) first. Arrow keys move, Enter picks.
 */
export function TeamCommunicator({ me, onPick, busy }: { me: string; onPick: (entry: DirectoryEntry) => void; busy?: boolean }) {
  const t = useTranslations('collaboration');
  const [entries, setEntries] = useState<DirectoryEntry[] | null>(null);
  const [recent, setRecent] = useState<TargetRef[]>([]);
  useEffect(() => {
    setRecent(readRecent(me));
    let live = true;
    void teamDirectoryAction({}).then((r) => {
      const u = unwrap(r);
      if (live) setEntries(u.ok ? u.data : []);
    });
    return () => {
      live = false;
    };
  }, [me]);

  const pick = (e: DirectoryEntry) => {
    if (busy) return;
    const next = pushRecent(readRecent(me), { type: e.type, ref: e.id });
    localStorage.setItem(recentKey(me), JSON.stringify(next));
    onPick(e);
  };

  const recentEntries = recent.map((r) => entries?.find((e) => e.type === r.type && e.id === r.ref)).filter((e): e is DirectoryEntry => !!e);
  const detail = (e: DirectoryEntry) =>
    e.type === 'AGENT' ? t('agentFree', { state: t(`agentState.${e.status ?? 'LOGGED_OUT'}`), free: e.free ?? 0 }) : t('available', { count: e.available ?? 0 });

  const item = (e: DirectoryEntry, group: string) => {
    const Icon = ICONS[e.type];
    return (
      <Command.Item
        key={`${group}-${e.type}-${e.id}`}
        value={`${group}-${e.type}-${e.id}`}
        keywords={[e.name, t(`kind.${e.type}`)]}
        onSelect={() => pick(e)}
        className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm aria-selected:bg-blue-100 data-[disabled=true]:opacity-50"
      >
        <Icon aria-hidden className="size-4 shrink-0 text-slate-600" />
        <span className="font-medium">{e.name}</span>
        <span className="ml-auto text-xs text-slate-600">{detail(e)}</span>
      </Command.Item>
    );
  };

  return (
    <Command label={t('teamCommunicator')} className="flex flex-col gap-2" loop filter={filterByName}>
      <Command.Input autoFocus placeholder={t('searchPlaceholder')} className="w-full rounded border border-slate-300 px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-blue-600" />
      <Command.List className="max-h-80 overflow-y-auto">
        {entries === null ? (
          <Command.Loading>{t('loadingTargets')}</Command.Loading>
        ) : (
          <>
            <Command.Empty className="px-2 py-1.5 text-sm text-slate-600">{t('noMatch')}</Command.Empty>
            {recentEntries.length > 0 && (
              <Command.Group heading={<GroupHeading icon={History} text={t('recent')} />}>{recentEntries.map((e) => item(e, 'recent'))}</Command.Group>
            )}
            {TARGET_TYPES.map((type) => {
              const list = entries.filter((e) => e.type === type);
              if (list.length === 0) return null;
              return (
                <Command.Group key={type} heading={<GroupHeading icon={type === 'GROUP' ? Building2 : ICONS[type]} text={t(`kind.${type}`)} />}>
                  {list.map((e) => item(e, 'all'))}
                </Command.Group>
              );
            })}
          </>
        )}
      </Command.List>
    </Command>
  );
}

/** Matches names and kinds by words (not fuzzy over ids), keeping the list's own order. */
function filterByName(_value: string, search: string, keywords?: string[]): number {
  const hay = (keywords ?? []).join(' ').toLocaleLowerCase();
  return search
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w))
    ? 1
    : 0;
}

function GroupHeading({ icon: Icon, text }: { icon: typeof User; text: string }) {
  return (
    <span className="mt-2 flex items-center gap-1 px-2 text-xs font-semibold uppercase tracking-wide text-slate-600">
      <Icon aria-hidden className="size-3" />
      {text}
    </span>
  );
}
