/** An offline message's age for the inbox: whole minutes under an hour, hours under two days, then days. */
export function ageOf(createdAt: Date, now: Date): { unit: 'ageMinutes' | 'ageHours' | 'ageDays'; n: number } {
  const minutes = Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / 60_000));
  if (minutes < 60) return { unit: 'ageMinutes', n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: 'ageHours', n: hours };
  return { unit: 'ageDays', n: Math.floor(hours / 24) };
}
