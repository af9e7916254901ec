'use client';

import { Dialog as D } from 'radix-ui';
import { X } from 'lucide-react';
import type { ComponentProps, ReactNode } from 'react';

export const Dialog = D.Root;
export const DialogClose = D.Close;

/** A modal dialog: focus trapped, Escape closes, titled for screen readers. */
export function DialogContent({
  title,
  description,
  closeLabel,
  children,
  className = '',
  ...props
}: ComponentProps<typeof D.Content> & { title: ReactNode; description?: ReactNode; closeLabel: string }) {
  return (
    <D.Portal>
      <D.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
      <D.Content
        {...props}
        {...(description ? {} : { 'aria-describedby': undefined })}
        className={`fixed left-1/2 top-1/2 z-50 max-h-[85vh] w-[min(36rem,92vw)] -translate-x-1/2 -translate-y-1/2 overflow-auto rounded-lg bg-white p-4 shadow-xl focus:outline-none ${className}`}
      >
        <div className="mb-3 flex items-start justify-between gap-4">
          <D.Title className="text-base font-semibold">{title}</D.Title>
          <D.Close aria-label={closeLabel} className="rounded p-1 text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600">
            <X aria-hidden className="size-4" />
          </D.Close>
        </div>
        {description ? <D.Description className="mb-3 text-sm text-slate-700">{description}</D.Description> : null}
        {children}
      </D.Content>
    </D.Portal>
  );
}
