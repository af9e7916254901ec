'use client';

import { Switch as S } from 'radix-ui';
import { useId, type ComponentProps, type ReactNode } from 'react';

/** A labelled on/off switch (role="switch", its label is its accessible name). */
export function Switch({ label, id, className = '', ...props }: ComponentProps<typeof S.Root> & { label: ReactNode }) {
  const auto = useId();
  const switchId = id ?? auto;
  return (
    <span className={`inline-flex items-center gap-2 ${className}`}>
      <S.Root
        id={switchId}
        {...props}
        className="relative h-5 w-9 shrink-0 rounded-full bg-slate-400 outline-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 data-[state=checked]:bg-blue-700 disabled:opacity-50"
      >
        <S.Thumb className="block size-4 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[1.125rem]" />
      </S.Root>
      <label htmlFor={switchId} className="text-sm">
        {label}
      </label>
    </span>
  );
}
