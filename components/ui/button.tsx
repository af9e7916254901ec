'use client';

import { useSyncExternalStore, type ButtonHTMLAttributes } from 'react';

const variants = {
  primary: 'bg-brand text-white hover:bg-blue-800 disabled:bg-slate-400',
  secondary: 'border border-slate-300 bg-white text-slate-900 hover:bg-slate-100 disabled:text-slate-400',
  danger: 'bg-red-700 text-white hover:bg-red-800 disabled:bg-slate-400',
} as const;

const noSubscription = () => () => {};
/** False in the server's HTML and until React has hydrated the page, true after. */
function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

/**
 * A submit button stays disabled until the page is hydrated: the forms submit through their
 * client handlers, and a click before that would be a native GET of the form (its fields in the
 * address bar, nothing saved, and no answer shown).
 */
export function Button({ variant = 'secondary', className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants }) {
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      {...props}
      disabled={props.disabled || (props.type === 'submit' && !hydrated)}
      className={`rounded px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed ${variants[variant]} ${className}`}
    />
  );
}
