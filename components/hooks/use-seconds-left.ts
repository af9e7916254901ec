'use client';

import { useCallback, useEffect, useState } from 'react';

/** Whole seconds until `iso` (never below 0), refreshed twice a second: invitation and offer countdowns. */
export function useSecondsLeft(iso: string): number {
  const compute = useCallback(() => Math.max(0, Math.ceil((new Date(iso).getTime() - Date.now()) / 1000)), [iso]);
  const [left, setLeft] = useState(compute);
  useEffect(() => {
    const timer = setInterval(() => setLeft(compute()), 500);
    return () => clearInterval(timer);
  }, [compute]);
  return left;
}
