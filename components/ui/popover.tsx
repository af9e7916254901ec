'use client';

import { Popover as P } from 'radix-ui';
import type { ComponentProps } from 'react';

export const Popover = P.Root;
export const PopoverAnchor = P.Anchor;

export function PopoverContent({ className = '', sideOffset = 6, ...props }: ComponentProps<typeof P.Content>) {
  return (
    <P.Portal>
      <P.Content
        sideOffset={sideOffset}
        {...props}
        className={`z-50 rounded-md border border-slate-200 bg-white p-3 text-sm text-slate-900 shadow-lg focus:outline-none ${className}`}
      />
    </P.Portal>
  );
}
