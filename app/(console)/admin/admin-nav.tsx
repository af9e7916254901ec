'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export function AdminNav({ label, links }: { label: string; links: { href: string; label: string }[] }) {
  const path = usePathname();
  return (
    <nav aria-label={label} className="w-52 shrink-0 overflow-y-auto border-r border-slate-200 bg-white p-3">
      <ul className="flex flex-col gap-0.5 text-sm">
        {links.map((l) => {
          const current = l.href === '/admin' ? path === '/admin' : path.startsWith(l.href);
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={current ? 'page' : undefined}
                className={`block rounded px-2 py-1.5 focus-visible:outline-2 focus-visible:outline-blue-600 ${current ? 'bg-blue-50 font-semibold text-blue-900' : 'text-slate-800 hover:bg-slate-100'}`}
              >
                {l.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
