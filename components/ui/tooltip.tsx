'use client';

import { Tooltip as T } from 'radix-ui';
import type { ReactNode } from 'react';

/** Wrap the app (or a page) once; tooltips share its delay. */
export const TooltipProvider = T.Provider;

/**
 * A tooltip shown on hover and on keyboard focus. It is a hint only: anything a person needs
 * must also be reachable another way (it is not announced as content).
 */
export function Tooltip({ content, children, side = 'top' }: { content: ReactNode; children: ReactNode; side?: 'top' | 'bottom' | 'left' | 'right' }) {
  return (
    <T.Root>
      <T.Trigger asChild>{children}</T.Trigger>
      <T.Portal>
        <T.Content side={side} sideOffset={4} className="z-50 max-w-xs rounded bg-slate-900 px-2 py-1 text-xs text-white shadow">
          {content}
          <T.Arrow className="fill-slate-900" />
        </T.Content>
      </T.Portal>
    </T.Root>
  );
}
