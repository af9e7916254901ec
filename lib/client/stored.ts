import { z } from 'zod';

/**
 * What this browser stored under a key, if it still has the shape `schema` says; else `fallback`.
 * localStorage is written by older versions of the page, by other tabs and by hand: never trust
 * its JSON with a cast. Pure apart from the `read` it is given (localStorage.getItem in the page).
 */
export function readStored<T>(read: (key: string) => string | null, key: string, schema: z.ZodType<T>, fallback: T): T {
  let raw: string | null;
  try {
    raw = read(key);
  } catch {
    return fallback; // storage disabled
  }
  if (raw === null) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** The shapes the console and the contact page keep in localStorage. */
export const storedShapes = {
  dismissedInvitations: z.array(z.string().max(100)).max(1000),
  recentTargets: z
    .array(z.object({ type: z.enum(['AGENT', 'GROUP', 'SKILL', 'QUEUE', 'ROUTING_POINT']), ref: z.string().min(1).max(200) }))
    .max(50),
  chatSession: z.object({ chatId: z.string().min(1).max(100), secret: z.string().min(1).max(200) }).nullable(),
  outbox: z
    .array(
      z.object({
        clientId: z.string().min(1).max(100),
        text: z.string().max(20_000),
        status: z.enum(['sending', 'failed']),
        permanent: z.boolean().optional(),
        error: z.string().max(500).optional(),
        createdAt: z.string().max(40),
        attachments: z
          .array(z.object({ id: z.string().max(100), name: z.string().max(300), size: z.number().int().nonnegative(), type: z.string().max(200) }))
          .max(20)
          .optional(),
      }),
    )
    .max(500),
};
