'use client';

import { Select as S } from 'radix-ui';
import { Check, ChevronDown } from 'lucide-react';
import type { ReactNode } from 'react';

export interface SelectOption {
  value: string;
  label: ReactNode;
  disabled?: boolean;
}

/**
 * A listbox select. `label` is its accessible name (aria-label), so tests and screen readers find
 * it as a combobox by name. Radix Select cannot hold an empty value: use a sentinel such as "none".
 */
export function Select({
  label,
  value,
  onValueChange,
  options,
  placeholder,
  disabled,
  className = '',
}: {
  label: string;
  value: string | undefined;
  onValueChange: (value: string) => void;
  options: SelectOption[];
  placeholder?: string;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <S.Root value={value} onValueChange={onValueChange} disabled={disabled}>
      <S.Trigger
        aria-label={label}
        className={`inline-flex min-w-32 items-center justify-between gap-2 rounded border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-50 ${className}`}
      >
        <S.Value placeholder={placeholder} />
        <S.Icon>
          <ChevronDown aria-hidden className="size-4" />
        </S.Icon>
      </S.Trigger>
      <S.Portal>
        <S.Content position="popper" sideOffset={4} className="z-50 max-h-72 min-w-[var(--radix-select-trigger-width)] overflow-auto rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg">
          <S.Viewport>
            {options.map((o) => (
              <S.Item
                key={o.value}
                value={o.value}
                disabled={o.disabled}
                className="relative flex cursor-default select-none items-center rounded py-1.5 pl-7 pr-2 outline-none data-[disabled]:text-slate-400 data-[highlighted]:bg-blue-50"
              >
                <S.ItemIndicator className="absolute left-1.5">
                  <Check aria-hidden className="size-4" />
                </S.ItemIndicator>
                <S.ItemText>{o.label}</S.ItemText>
              </S.Item>
            ))}
          </S.Viewport>
        </S.Content>
      </S.Portal>
    </S.Root>
  );
}
