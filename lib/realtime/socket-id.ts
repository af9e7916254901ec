import { AppError } from '@/lib/errors';

// A Pusher socket id, as every Pusher-protocol server issues and checks it. A request names its
// sender's socket in X-Socket-Id so the broadcast skips the sender's own connection; the realtime
// server refuses a whole batch_events request over one malformed socket_id, so one bad header
// would cost other chats' live events (security round 2, defect 3).
const SOCKET_ID = /^\d{1,20}\.\d{1,20}$/;

export function isSocketId(value: unknown): value is string {
  return typeof value === 'string' && SOCKET_ID.test(value);
}

/** The request's X-Socket-Id: absent → undefined; malformed → invalidInput (400), before anything is stored. */
export function socketIdFrom(req: Pick<Request, 'headers'>): string | undefined {
  const raw = req.headers.get('x-socket-id');
  if (raw === null || raw === '') return undefined;
  if (!isSocketId(raw)) throw new AppError('invalidInput', 'malformed X-Socket-Id');
  return raw;
}
