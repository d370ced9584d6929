// The typed handler, held by the compiler: `pnpm check` (tsc) fails when a line under an
// expect-error directive compiles, so each of them proves a wrong handler is refused.
import { castRequestSchema, joinRequestSchema } from '@hopxa/protocol';
import { expectTypeOf, it } from 'vitest';
import { on } from './on.ts';
import type { SocketContext } from './socket-context.ts';

it('takes a handler only when it answers with the data its event acknowledges', () => {
  // Never called: what is checked here is what compiles.
  const handlers = (context: SocketContext) => {
    on(context, 'poll:cast', castRequestSchema, 'meeting.view', async () => ({
      ok: true,
      seq: 1,
      data: { replayed: false, receipt: null },
    }));
    // @ts-expect-error -- a cast answered with a join's data does not compile
    on(context, 'poll:cast', castRequestSchema, 'meeting.view', async () => ({
      ok: true,
      seq: 1,
      data: { kind: 'events', events: [], progress: null, head: null },
    }));
    // @ts-expect-error -- a cast answered without its receipt does not compile
    on(context, 'poll:cast', castRequestSchema, 'meeting.view', async () => ({
      ok: true,
      seq: 1,
      data: { replayed: false },
    }));
    // @ts-expect-error -- a refusal must be a code a client can be answered with
    on(context, 'meeting:join', joinRequestSchema, 'meeting.view', async () => ({
      ok: false,
      code: 'whatever',
    }));
    on(context, 'meeting:join', joinRequestSchema, 'meeting.view', async (request) => {
      // The request is the schema's output: the handler reads it typed.
      expectTypeOf(request.sinceSeq).toEqualTypeOf<number | null>();
      return { ok: false, code: 'forbidden' };
    });
  };
  expectTypeOf(handlers).toBeFunction();
});
