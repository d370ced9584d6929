import {
  minutesJoinRequestSchema,
  minutesSinceRequestSchema,
  minutesStepsRequestSchema,
} from '@hopxa/protocol';
import { on } from './on.ts';
import type { SocketContext } from './socket-context.ts';

/**
 * A socket's minutes messages: anyone who follows the meeting reads the minutes live (the
 * steps reach its room); only the meeting's secretaries write them.
 */
export function registerMinutesHandlers(context: SocketContext): void {
  const { minutes } = context;
  on(context, 'minutes:join', minutesJoinRequestSchema, 'meeting.view', (_request, { target }) =>
    minutes.join(target),
  );
  on(context, 'minutes:since', minutesSinceRequestSchema, 'meeting.view', (request, { target }) =>
    minutes.since(target, request.version),
  );
  on(
    context,
    'minutes:steps',
    minutesStepsRequestSchema,
    'meeting.keep_record',
    (request, { target }) => minutes.write(target, request),
  );
}
