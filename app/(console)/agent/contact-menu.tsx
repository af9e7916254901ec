'use client';

import { useTranslations } from 'next-intl';
import { ChevronDown, Phone, User } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { toast } from '@/components/ui/toaster';
import { logCallAction } from './workspace-actions';
import { unwrap } from '@/components/staff/action-result';

/** A1: the contact menu; each phone number is a call action (tel:), and each attempt is logged in the contact's history. */
export function ContactMenu({ interactionId, phones, canAct, onCalled }: { interactionId: string; phones: string[]; canAct: boolean; onCalled: () => void }) {
  const t = useTranslations('agent');
  const tw = useTranslations('workspace');
  const te = useTranslations('errors');
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button className="inline-flex items-center gap-1 px-2 py-0.5">
          <User aria-hidden className="size-4" />
          {t('contactMenu')}
          <ChevronDown aria-hidden className="size-4" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start">
        <DropdownMenuLabel>{tw('contactMenu.phones')}</DropdownMenuLabel>
        {phones.length === 0 && <DropdownMenuItem disabled>{t('noPhone')}</DropdownMenuItem>}
        {phones.map((p) => (
          <DropdownMenuItem key={p} asChild>
            <a
              href={`tel:${p}`}
              onClick={() => {
                if (!canAct) return;
                void logCallAction({ interactionId, phone: p }).then((r) => {
                  const u = unwrap(r);
                  if (u.ok) onCalled();
                  else toast.error(te(u.code as 'internal'));
                });
              }}
            >
              <Phone aria-hidden className="size-4" />
              {t('call', { phone: p })}
            </a>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
