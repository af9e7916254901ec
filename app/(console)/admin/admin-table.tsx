import type { ReactNode } from 'react';

// The admin console's table scaffolding, written once for every panel (users, case data,
// nicknames, responses, contacts, audit): a frame that scrolls sideways on a narrow screen, one
// header row of column headings, and the panel's own rows. No hooks: server pages use it too.


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
