'use client';

import { DropdownMenu as M } from 'radix-ui';
import type { ComponentProps } from 'react';

export const DropdownMenu = M.Root;
export const DropdownMenuTrigger = M.Trigger;

export function DropdownMenuContent({ className = '', sideOffset = 4, ...props }: ComponentProps<typeof M.Content>) {
  return (
    <M.Portal>
      <M.Content
        sideOffset={sideOffset}
        {...props}
        className={`z-50 min-w-40 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg ${className}`}
      />
    </M.Portal>
  );
}

export function DropdownMenuItem({ className = '', ...props }: ComponentProps<typeof M.Item>) {
  return (
    <M.Item
      {...props}
      className={`flex cursor-default select-none items-center gap-2 rounded px-2 py-1.5 outline-none data-[disabled]:text-slate-400 data-[highlighted]:bg-blue-50 data-[highlighted]:text-blue-900 ${className}`}
    />
  );
}

export function DropdownMenuLabel({ className = '', ...props }: ComponentProps<typeof M.Label>) {
  return <M.Label {...props} className={`px-2 py-1 text-xs font-semibold text-slate-600 ${className}`} />;
}
