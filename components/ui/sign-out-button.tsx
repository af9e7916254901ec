'use client';

import { signOut } from 'next-auth/react';
import { Button } from './button';

export function SignOutButton({ label }: { label: string }) {
  return <Button onClick={() => void signOut({ callbackUrl: '/login' })}>{label}</Button>;
}
