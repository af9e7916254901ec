'use client';

import { Info } from 'lucide-react';
import { Tooltip, TooltipProvider } from '@/components/ui/tooltip';

/** A figure's column heading with its definition on hover and keyboard focus. */
export function FigureHead({ label, help }: { label: string; help: string }) {
  return (
    <TooltipProvider>
      <Tooltip content={help}>
      <button type="button" className="inline-flex items-center gap-1 font-semibold underline decoration-dotted focus-visible:outline-2 focus-visible:outline-blue-600">
        {label}
        <Info aria-hidden className="h-3 w-3" />
      </button>
      </Tooltip>
    </TooltipProvider>
  );
}
