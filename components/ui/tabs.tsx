'use client';

import { Tabs as T } from 'radix-ui';
import type { ComponentProps } from 'react';

export const Tabs = T.Root;

export function TabsList({ className = '', ...props }: ComponentProps<typeof T.List>) {
  return <T.List {...props} className={`flex gap-1 border-b border-slate-200 ${className}`} />;
}

export function TabsTrigger({ className = '', ...props }: ComponentProps<typeof T.Trigger>) {
  return (
    <T.Trigger
      {...props}
      className={`-mb-px border-b-2 border-transparent px-3 py-1.5 text-sm font-medium text-slate-700 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 data-[state=active]:border-blue-700 data-[state=active]:text-blue-800 ${className}`}
    />
  );
}

export function TabsContent({ className = '', ...props }: ComponentProps<typeof T.Content>) {
  return <T.Content {...props} className={`py-3 focus-visible:outline-2 focus-visible:outline-blue-600 ${className}`} />;
}
