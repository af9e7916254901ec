'use client';

import { Toaster as Sonner, toast } from 'sonner';

/** Once per page frame; toasts are announced politely to screen readers. */
export function Toaster() {
  return <Sonner position="bottom-right" richColors closeButton toastOptions={{ duration: 6000 }} />;
}

export { toast };
