'use client';

import { Command } from 'cmdk';
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { responseMatches } from '@/lib/responses/placeholders';
import { Popover, PopoverAnchor, PopoverContent } from '@/components/ui/popover';

export interface ResponseOption {
  id: string;
  shortcut: string;
  titleEn: string;
  titleFr: string;
  /** In the chat's language, placeholders not yet filled. */
  text: string;
}

/**
 * A15: a searchable list of standard responses (cmdk), anchored on the composer. Choosing one
 * hands its text back; the composer inserts it as editable text — nothing is sent from here.
 */
export function ResponsePicker(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  responses: ResponseOption[];
  onPick: (r: ResponseOption) => void;
  anchor: ReactNode;
  onClosed?: () => void;
}) {
  const t = useTranslations('workspace');
  const locale = useLocale();
  const title = (r: ResponseOption) => (locale.startsWith('fr') ? r.titleFr : r.titleEn);
  return (
    <Popover open={props.open} onOpenChange={props.onOpenChange}>
      <PopoverAnchor asChild>{props.anchor}</PopoverAnchor>
      <PopoverContent
        side="top"
        align="start"
        className="w-[min(28rem,90vw)] p-0"
        onCloseAutoFocus={(e) => {
          e.preventDefault();
          props.onClosed?.();
        }}
      >
        <Command label={t('responses.search')} filter={responseMatches} className="flex flex-col">
          <Command.Input autoFocus placeholder={t('responses.placeholder')} className="border-b border-slate-200 px-3 py-2 text-sm outline-none" />
          <Command.List className="max-h-64 overflow-y-auto p-1" label={t('responses.list')}>
            <Command.Empty className="px-3 py-2 text-sm text-slate-600">{t('responses.empty')}</Command.Empty>
            {props.responses.map((r) => (
              <Command.Item
                key={r.id}
                value={`${r.shortcut} ${title(r)}`}
                keywords={[r.text]}
                onSelect={() => props.onPick(r)}
                className="flex cursor-default flex-col rounded px-2 py-1.5 text-sm data-[selected=true]:bg-blue-50 data-[selected=true]:text-blue-900"
              >
                <span>
                  <span className="font-semibold">{title(r)}</span> <span className="text-xs text-slate-700">/{r.shortcut}</span>
                </span>
                <span className="line-clamp-1 text-xs text-slate-700">{r.text}</span>
              </Command.Item>
            ))}
          </Command.List>
        </Command>
      </PopoverContent>
    </Popover>
  );
}
