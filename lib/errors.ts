// Errors a user may see. `code` picks the catalogue message (errors.<code>); anything that is not
// an AppError is logged and shown as a generic failure.
export type ErrorCode =
  | 'invalidInput'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'chatClosed'
  | 'invitationGone'
  | 'dispositionRequired'
  | 'rateLimited'
  | 'overCapacity'
  | 'overloaded'
  | 'noAgentAvailable'
  | 'alreadyInvited'
  | 'lastMember'
  | 'alreadyExists'
  | 'inUse'
  | 'userHasLiveChats'
  | 'cannotChangeSelf'
  | 'defaultQueueRequired'
  | 'queueOffline';

const statusOf: Record<ErrorCode, number> = {
  invalidInput: 400,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  chatClosed: 409,
  invitationGone: 409,
  dispositionRequired: 409,
  rateLimited: 429,
  overloaded: 503,
  overCapacity: 409,
  noAgentAvailable: 409,
  alreadyInvited: 409,
  lastMember: 409,
  alreadyExists: 409,
  inUse: 409,
  userHasLiveChats: 409,
  cannotChangeSelf: 409,
  defaultQueueRequired: 409,
  queueOffline: 409,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  constructor(code: ErrorCode, message?: string) {
    super(message ?? code);
    this.name = 'AppError';
    this.code = code;
    this.status = statusOf[code];
  }
}

/**
 * Also true for an AppError made by another copy of this module: the fast lane runs lib/ from
 * source (tsx) while Next.js route handlers run the bundled copy, and objects kept on globalThis
 * (the rate budgets) can throw the other copy's AppError; `instanceof` alone made that a 500.
 */
export function isAppError(e: unknown): e is AppError {
  if (e instanceof AppError) return true;
  const x = e as { name?: unknown; code?: unknown; status?: unknown } | null;
  return e instanceof Error && x?.name === 'AppError' && typeof x.code === 'string' && x.code in statusOf && x.status === statusOf[x.code as ErrorCode];
}
