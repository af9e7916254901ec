import type { PendingLevel } from '@/lib/interactions/core/lifecycle';

const dot = {
  none: 'bg-slate-300',
  green: 'bg-green-600',
  yellow: 'bg-yellow-400',
  red: 'bg-red-600',
} as const;

/** The pending-response level (A6 rule, lib/interactions/core/lifecycle.ts) with its text beside the colour. */
export function PendingLevelBadge({ level, text, duration }: { level: PendingLevel; text: string; duration: string | null }) {
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap text-xs" data-pending={level}>
      <span aria-hidden className={`inline-block h-2.5 w-2.5 shrink-0 rounded-full ${dot[level]} ${level === 'red' ? 'pending-blink' : ''}`} />
      <span>{text}</span>
      {duration && <span className="tabular-nums text-slate-600">{duration}</span>}
    </span>
  );
}
