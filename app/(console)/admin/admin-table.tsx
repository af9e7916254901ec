import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';

// The admin console's table scaffolding and row buttons, written once for every panel (users,
// case data, nicknames, responses, contacts, audit, dispositions): a frame that scrolls sideways on
// a narrow screen, one header row of column headings, and the panel's own rows.

export function AdminTable({ columns, label, className = '', children }: { columns: ReactNode[]; label?: string; className?: string; children: ReactNode }) {
  return (
    <div className={`overflow-x-auto ${className}`.trim()}>
      <table className="w-full border-collapse bg-white text-sm" aria-label={label}>
        <thead>
          <tr className="border-b border-slate-200 text-left">
            {columns.map((c, i) => (
              <th key={i} scope="col" className="p-2">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A small action in a table row ("Edit", "Reset password"), whose accessible name also names the row ("Edit Agent One"). */
export function RowButton({ icon: Icon, label, name, onClick }: { icon: LucideIcon; label: string; name: string; onClick: () => void }) {
  return (
    <Button className="inline-flex items-center gap-1 px-2 py-0.5" onClick={onClick}>
      <Icon aria-hidden className="size-3.5" />
      {label}
      <span className="sr-only"> {name}</span>
    </Button>
  );
}
