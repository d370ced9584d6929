// The event maps, held by the compiler: web and server cannot drift apart.
import type { MeetingCommandInput } from './meeting.schema.ts';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  Answer,
  AnswerData,
  CastData,
  ClientToServerEvents,
  JoinData,
  ReceiptData,
} from './realtime.schema.ts';

describe('the realtime event maps', () => {
  it('answers each client message with its own data', () => {
    expectTypeOf<AnswerData<'meeting:join'>>().toEqualTypeOf<JoinData>();
    expectTypeOf<AnswerData<'meeting:leave'>>().toEqualTypeOf<null>();
    expectTypeOf<AnswerData<'meeting:command'>>().toEqualTypeOf<{ replayed: boolean }>();
    expectTypeOf<AnswerData<'poll:cast'>>().toEqualTypeOf<CastData>();
    expectTypeOf<AnswerData<'poll:verify'>>().toEqualTypeOf<ReceiptData>();
    expectTypeOf<AnswerData<'poll:enter'>>().toEqualTypeOf<CastData>();
  });

  it('sends each client message with its schema’s input', () => {
    expectTypeOf<Parameters<ClientToServerEvents['meeting:command']>[0]>().toMatchTypeOf<{
      meetingId: string;
      commandId: string;
      command: MeetingCommandInput;
    }>();
    expectTypeOf<Parameters<ClientToServerEvents['poll:cast']>[1]>().toEqualTypeOf<
      (answer: Answer<CastData>) => void
    >();
  });
});
