'use client';

import { signOut } from 'next-auth/react';
import { signOutAction } from '@/lib/auth/actions';
import { Button } from './button';

export function SignOutButton({ label }: { label: string }) {
  return (
    <Button
      onClick={async () => {
        await signOutAction().catch(() => undefined);
        await signOut({ callbackUrl: '/login' });
      }}
    >
      {label}
    </Button>
  );
}
